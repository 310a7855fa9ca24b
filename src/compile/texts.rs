//! The message catalogue: every word and sentence the tool writes into documents, in each
//! language documents can be written in.
//!
//! One table, keyed by a dotted name (`checklist.title`). The compile stage takes the words it
//! needs for display-ready values from it (durations, cadences, criteria, meeting times), and the
//! templates take their headings and sentences from it through the `t()` function the render
//! stage registers (`{{ t("checklist.title", team=checklist.team.name) }}`). A text may hold
//! placeholders in braces, `{team}`, filled from named arguments; both languages of one entry
//! name the same placeholders, which a test keeps so, as it keeps every key the templates and the
//! code use in the table.

use crate::model::values::Language;
use std::collections::HashMap;
use std::sync::OnceLock;

/// One entry of the catalogue: its key and its text in every language.
#[derive(Debug)]
pub struct Message {
    pub key: &'static str,
    pub en: &'static str,
    pub de: &'static str,
}

impl Message {
    pub fn text(&self, language: Language) -> &'static str {
        match language {
            Language::En => self.en,
            Language::De => self.de,
        }
    }
}

macro_rules! catalogue {
    ($($key:literal => { en: $en:literal, de: $de:literal $(,)? }),+ $(,)?) => {
        /// Every text, in both languages.
        pub static MESSAGES: &[Message] = &[$(Message { key: $key, en: $en, de: $de }),+];
    };
}

catalogue! {
    // Lists: "a, b and c".
    "list.and" => { en: " and ", de: " und " },
    "list.or" => { en: " or ", de: " oder " },
    "word.yes" => { en: "yes", de: "ja" },
    "word.no" => { en: "no", de: "nein" },
    "word.nobody" => { en: "nobody", de: "niemand" },

    // Units of time, in durations and KPI targets; `one` for exactly 1.
    "time.minute.one" => { en: "minute", de: "Minute" },
    "time.minute.other" => { en: "minutes", de: "Minuten" },
    "time.hour.one" => { en: "hour", de: "Stunde" },
    "time.hour.other" => { en: "hours", de: "Stunden" },
    "time.day.one" => { en: "day", de: "Tag" },
    "time.day.other" => { en: "days", de: "Tage" },
    "time.week.one" => { en: "week", de: "Woche" },
    "time.week.other" => { en: "weeks", de: "Wochen" },
    "time.month.one" => { en: "month", de: "Monat" },
    "time.month.other" => { en: "months", de: "Monate" },
    "time.business_hour.one" => { en: "business hour", de: "Arbeitsstunde" },
    "time.business_hour.other" => { en: "business hours", de: "Arbeitsstunden" },
    "time.business_day.one" => { en: "business day", de: "Arbeitstag" },
    "time.business_day.other" => { en: "business days", de: "Arbeitstage" },
    // Other units of KPI targets.
    "unit.night.one" => { en: "night", de: "Übernachtung" },
    "unit.night.other" => { en: "nights", de: "Übernachtungen" },
    "unit.point.one" => { en: "point", de: "Punkt" },
    "unit.point.other" => { en: "points", de: "Punkte" },

    // How often something happens.
    "cadence.daily" => { en: "daily", de: "täglich" },
    "cadence.weekly" => { en: "weekly", de: "wöchentlich" },
    "cadence.biweekly" => { en: "every two weeks", de: "alle zwei Wochen" },
    "cadence.monthly" => { en: "monthly", de: "monatlich" },
    "cadence.quarterly" => { en: "quarterly", de: "vierteljährlich" },
    "cadence.half-yearly" => { en: "every six months", de: "halbjährlich" },
    "cadence.yearly" => { en: "yearly", de: "jährlich" },

    // When meetings happen.
    "weekday.monday" => { en: "Monday", de: "Montag" },
    "weekday.tuesday" => { en: "Tuesday", de: "Dienstag" },
    "weekday.wednesday" => { en: "Wednesday", de: "Mittwoch" },
    "weekday.thursday" => { en: "Thursday", de: "Donnerstag" },
    "weekday.friday" => { en: "Friday", de: "Freitag" },
    "weekday.saturday" => { en: "Saturday", de: "Samstag" },
    "weekday.sunday" => { en: "Sunday", de: "Sonntag" },
    "ordinal.first" => { en: "first", de: "ersten" },
    "ordinal.second" => { en: "second", de: "zweiten" },
    "ordinal.third" => { en: "third", de: "dritten" },
    "ordinal.fourth" => { en: "fourth", de: "vierten" },
    "ordinal.last" => { en: "last", de: "letzten" },
    "when.on_weekday" => { en: "on {day}", de: "am {day}" },
    "when.on_weekday_of_month" => { en: "on the {ordinal} {day}", de: "am {ordinal} {day}" },
    "when.on_day_of_month" => { en: "on the {day}", de: "am {day}" },
    "when.time_span" => { en: "{start}–{end}", de: "{start}–{end} Uhr" },
    "when.time_at" => { en: "at {time}", de: "um {time} Uhr" },
    "when.starts" => { en: "first on {date}", de: "erstmals am {date}" },

    // Channels, named by what they are.
    "channel.kind.chat" => { en: "chat", de: "Chat" },
    "channel.kind.email" => { en: "email", de: "E-Mail" },
    "channel.kind.video" => { en: "video call", de: "Videokonferenz" },
    "channel.kind.phone" => { en: "phone", de: "Telefon" },
    "channel.kind.in-person" => { en: "in person", de: "vor Ort" },
    "channel.kind.document" => { en: "document", de: "Dokument" },
    "channel.kind.other" => { en: "channel", de: "Kanal" },
    "channel.address_tool" => { en: "{address} ({kind} in {tool})", de: "{address} ({kind} in {tool})" },
    "channel.address" => { en: "{address} ({kind})", de: "{address} ({kind})" },
    "channel.tool" => { en: "{kind} in {tool}", de: "{kind} in {tool}" },

    // What systems are for.
    "system.kind.crm" => { en: "CRM", de: "CRM" },
    "system.kind.marketing-automation" => { en: "marketing automation", de: "Marketing-Automation" },
    "system.kind.property-management" => { en: "property management system", de: "Property-Management-System" },
    "system.kind.booking-engine" => { en: "booking engine", de: "Buchungsmaschine" },
    "system.kind.analytics" => { en: "analytics", de: "Analyse" },
    "system.kind.chat" => { en: "chat", de: "Chat" },
    "system.kind.other" => { en: "system", de: "System" },

    // The pictures on the overview page.
    "svg.lifecycle.label" => { en: "Lead lifecycle: {stages}", de: "Lead-Lebenszyklus: {stages}" },
    "svg.lifecycle.no_sla" => { en: "no SLA", de: "kein SLA" },
    "svg.lifecycle.rejected" => { en: "rejected", de: "abgelehnt" },
    "svg.lifecycle.handoff" => { en: "handoff", de: "Übergabe" },
    "svg.lifecycle.team_hint" => { en: "team: {team}", de: "Team: {team}" },
    "svg.lifecycle.unknown_team" => { en: "unknown", de: "unbekannt" },
    "svg.lifecycle.outcome_hint" => { en: "outcome: {outcome}", de: "Ergebnis: {outcome}" },
    "svg.legend.no_team" => { en: "no owning team", de: "kein zuständiges Team" },
    "svg.legend.handoff" => { en: "handoff (owning team changes)", de: "Übergabe (das zuständige Team wechselt)" },
    "svg.legend.backward" => { en: "rejection / step back", de: "Ablehnung / Schritt zurück" },
    "svg.legend.won" => { en: "won", de: "gewonnen" },
    "svg.legend.lost" => { en: "lost", de: "verloren" },
    "svg.tasks.label.one" => {
        en: "Task dependency graph: {tasks} tasks in {steps} step, each after the tasks it depends on",
        de: "Abhängigkeiten der Aufgaben: {tasks} Aufgaben in {steps} Schritt, jede nach den Aufgaben, auf die sie wartet",
    },
    "svg.tasks.label.other" => {
        en: "Task dependency graph: {tasks} tasks in {steps} steps, each after the tasks it depends on",
        de: "Abhängigkeiten der Aufgaben: {tasks} Aufgaben in {steps} Schritten, jede nach den Aufgaben, auf die sie wartet",
    },
    "svg.tasks.step" => { en: "step {n}", de: "Schritt {n}" },
    "svg.tasks.accountable_hint" => { en: "{task} — accountable: {party}", de: "{task} — verantwortlich: {party}" },
    "svg.tasks.no_one_accountable" => { en: "no one accountable", de: "niemand verantwortlich" },

    // Shared by several documents.
    "common.none" => { en: "none", de: "keine" },
    "common.no_tasks" => { en: "No tasks yet.", de: "Noch keine Aufgaben." },

    // The group page of a workspace (index.html at the root of its documents).
    "group.title" => { en: "{workspace}: playbooks", de: "{workspace}: Playbooks" },
    "group.intro" => { en: "{count} playbooks of one workspace.", de: "{count} Playbooks eines Arbeitsbereichs." },
    "group.playbook" => { en: "Playbook", de: "Playbook" },
    "group.teams" => { en: "Teams", de: "Teams" },
    "group.shared_goals" => { en: "Shared goals", de: "Gemeinsame Ziele" },
    "group.open_findings" => { en: "Open findings", de: "Offene Hinweise" },
    "group.documents" => { en: "Documents", de: "Dokumente" },
    "group.findings" => { en: "{warnings} warnings, {notes} notes", de: "{warnings} Warnungen, {notes} Hinweise" },
    "group.no_findings" => { en: "none", de: "keine" },
    "group.overview" => { en: "overview", de: "Übersicht" },

    // Headings in the descriptions of meetings.ics.
    "ics.agenda" => { en: "Agenda", de: "Tagesordnung" },
    "ics.kpis_reviewed" => { en: "KPIs reviewed", de: "Besprochene Kennzahlen" },

    // The RACI matrix (raci.md, raci.csv, raci.html).
    "raci.title" => { en: "RACI: {playbook}", de: "RACI-Matrix: {playbook}" },
    "raci.task" => { en: "Task", de: "Aufgabe" },
    "raci.task_id" => { en: "Task id", de: "Aufgaben-ID" },
    // Between the cells of raci.csv: a spreadsheet opened in a German locale splits lines at
    // semicolons, since the comma is its decimal mark.
    "raci.csv_separator" => { en: ",", de: ";" },
    "raci.legend.r" => { en: "responsible: does the work", de: "Responsible (durchführend): erledigt die Arbeit" },
    "raci.legend.a" => {
        en: "accountable: answers for the result, one per task",
        de: "Accountable (verantwortlich): steht für das Ergebnis ein, genau eine Person je Aufgabe",
    },
    "raci.legend.c" => { en: "consulted: asked before decisions", de: "Consulted (mitwirkend): wird vor Entscheidungen gefragt" },
    "raci.legend.i" => { en: "informed: told about the outcome", de: "Informed (informiert): erfährt das Ergebnis" },

    // The overview page (index.html).
    "index.title" => { en: "Overview", de: "Übersicht" },
    "index.goals" => { en: "Goals", de: "Ziele" },
    "index.goal" => { en: "Goal", de: "Ziel" },
    "index.owners" => { en: "Owners", de: "Zuständig" },
    "index.kpis_and_targets" => { en: "KPIs and targets", de: "Kennzahlen und Zielwerte" },
    "index.due" => { en: "Due", de: "Fällig" },
    "index.shared" => { en: "shared", de: "gemeinsam" },
    "index.no_goals" => { en: "No goals yet.", de: "Noch keine Ziele." },
    "index.lifecycle" => { en: "Lead lifecycle", de: "Lead-Lebenszyklus" },
    "index.handoff" => { en: "Handoff", de: "Übergabe" },
    "index.from" => { en: "From", de: "Von" },
    "index.to" => { en: "To", de: "An" },
    "index.sla" => { en: "SLA", de: "Reaktionszeit (SLA)" },
    "index.no_sla" => { en: "none", de: "keine" },
    "index.no_lifecycle" => { en: "No lifecycle yet.", de: "Noch kein Lead-Lebenszyklus." },
    "index.tasks" => { en: "Tasks and dependencies", de: "Aufgaben und Abhängigkeiten" },
    "index.documents" => { en: "Documents", de: "Dokumente" },
    "index.raci_table" => { en: "RACI table", de: "RACI-Matrix" },
    "index.also_as" => { en: "also as", de: "auch als" },
    "index.calendar" => { en: "Meetings for your calendar (iCalendar)", de: "Besprechungen für Ihren Kalender (iCalendar)" },
    "index.onboarding" => { en: "Onboarding: {person}", de: "Einarbeitung: {person}" },

    // A team's checklist (checklists/<team>.md).
    "checklist.title" => { en: "Checklist: {team}", de: "Checkliste: {team}" },
    "checklist.intro" => {
        en: "Tasks of {team} in the order they can be done.",
        de: "Aufgaben von {team} in der Reihenfolge, in der sie erledigt werden können.",
    },
    "checklist.accountable" => { en: "accountable", de: "verantwortlich" },
    "checklist.responsible" => { en: "responsible", de: "durchführend" },
    "checklist.due" => { en: "due", de: "fällig" },
    "checklist.recurring" => { en: "recurring", de: "wiederkehrend" },
    "checklist.waits_for" => { en: "waits for", de: "wartet auf" },
    "checklist.empty" => {
        en: "{team} is accountable or responsible for no task.",
        de: "{team} ist für keine Aufgabe verantwortlich oder durchführend.",
    },

    // A person's onboarding page (onboarding/<person>.md).
    "onboarding.title" => { en: "Welcome, {person}", de: "Willkommen, {person}" },
    "onboarding.join_role_team" => { en: "You join as **{role}** in **{team}**", de: "Sie verstärken als **{role}** das Team **{team}**" },
    "onboarding.join_role" => { en: "You join as **{role}**", de: "Sie verstärken uns als **{role}**" },
    "onboarding.join_team" => { en: "You join **{team}**", de: "Sie verstärken das Team **{team}**" },
    "onboarding.join" => { en: "Welcome on board", de: "Schön, dass Sie da sind" },
    "onboarding.led_by" => { en: ", led by {lead}", de: ", geleitet von {lead}" },
    "onboarding.made_from" => {
        en: "This page is made from the smarketing playbook *{playbook}*.",
        de: "Diese Seite wurde aus dem smarketing-Playbook *{playbook}* erstellt.",
    },
    "onboarding.goals" => { en: "Your team's goals", de: "Die Ziele Ihres Teams" },
    "onboarding.shared_by" => { en: "shared by {owners}", de: "gemeinsames Ziel von {owners}" },
    "onboarding.due" => { en: "due {date}", de: "fällig am {date}" },
    "onboarding.tasks" => { en: "Your tasks", de: "Ihre Aufgaben" },
    "onboarding.accountable" => {
        en: "Accountable: you answer for the result",
        de: "Verantwortlich (A): Sie stehen für das Ergebnis ein",
    },
    "onboarding.responsible" => { en: "Responsible: you do the work", de: "Durchführend (R): Sie erledigen die Arbeit" },
    "onboarding.consulted" => {
        en: "Consulted: you are asked before decisions",
        de: "Mitwirkend (C): Sie werden vor Entscheidungen gefragt",
    },
    "onboarding.informed" => {
        en: "Informed: you are told about the outcome",
        de: "Informiert (I): Sie erfahren das Ergebnis",
    },
    "onboarding.through" => { en: "through {team}", de: "über Ihr Team {team}" },
    "onboarding.meetings" => { en: "Your meetings", de: "Ihre Besprechungen" },
    "onboarding.run_by" => { en: "run by {person}", de: "Leitung: {person}" },
    "onboarding.when" => { en: "when", de: "wann" },
    "onboarding.where" => { en: "where", de: "wo" },
    "onboarding.reviews" => { en: "reviews", de: "besprochene Kennzahlen" },
    "onboarding.kpis" => { en: "Your KPIs", de: "Ihre Kennzahlen (KPIs)" },
    "onboarding.kpi_owns" => { en: "you own it", de: "Sie verantworten sie" },
    "onboarding.kpi_reviews" => { en: "reviewed in your meetings", de: "in Ihren Besprechungen geprüft" },
    "onboarding.target" => { en: "target {target}", de: "Zielwert {target}" },
    "onboarding.looked_at" => { en: "looked at {cadence}", de: "{cadence} geprüft" },
    "onboarding.campaigns" => { en: "Campaigns you take part in", de: "Kampagnen, an denen Sie mitwirken" },
    "onboarding.campaign_owns" => { en: "you run it", de: "Sie leiten sie" },
    "onboarding.campaign_team" => { en: "your team runs it", de: "Ihr Team führt sie durch" },
    "onboarding.from_to" => { en: "{start} – {end}", de: "{start} bis {end}" },
    "onboarding.from" => { en: "from {date}", de: "ab {date}" },
    "onboarding.until" => { en: "until {date}", de: "bis {date}" },
    "onboarding.budget" => { en: "budget {amount}", de: "Budget {amount}" },
    "onboarding.audience" => { en: "for", de: "Zielgruppe" },
    "onboarding.goal" => { en: "goal", de: "Ziel" },
    "onboarding.systems" => { en: "Systems you work with", de: "Ihre Systeme" },
    "onboarding.system_owns" => { en: "you own it", de: "Sie sind dafür verantwortlich" },
    "onboarding.system_owned_by" => { en: "owned by {person}", de: "verantwortlich: {person}" },
    "onboarding.stages" => { en: "Lead stages your team owns", de: "Lead-Phasen Ihres Teams" },
    "onboarding.sla" => { en: "pick leads up within", de: "Reaktionszeit" },
    "onboarding.criteria" => { en: "a lead belongs here when", de: "Kriterien" },
    "onboarding.rejected_to" => { en: "rejected leads go back to", de: "abgelehnte Leads gehen zurück an" },
    "onboarding.reasons" => { en: "reasons: {reasons}", de: "Gründe: {reasons}" },
    "onboarding.feedback" => { en: "Feedback loops you take part in", de: "Feedback, an dem Sie beteiligt sind" },
    "onboarding.via" => { en: "via {via}", de: "über {via}" },
    "onboarding.contacts" => { en: "Whom to ask", de: "Ihre Ansprechpersonen" },
    "onboarding.no_contacts" => { en: "no contact persons are named yet", de: "noch keine Ansprechpersonen benannt" },

    // Lead criteria on shared fields.
    "criterion.filled_in" => { en: "{field} is filled in", de: "{field} ist ausgefüllt" },
    "criterion.empty" => { en: "{field} is empty", de: "{field} ist leer" },
    "criterion.is" => { en: "{field} is {value}", de: "{field} ist {value}" },
    "criterion.is_not" => { en: "{field} is not {value}", de: "{field} ist nicht {value}" },
    "criterion.includes" => { en: "{field} includes {value}", de: "{field} enthält {value}" },
    "criterion.excludes" => { en: "{field} does not include {value}", de: "{field} enthält nicht {value}" },
}

fn index() -> &'static HashMap<&'static str, &'static Message> {
    static INDEX: OnceLock<HashMap<&'static str, &'static Message>> = OnceLock::new();
    INDEX.get_or_init(|| MESSAGES.iter().map(|m| (m.key, m)).collect())
}

/// The entry of `key`, if the catalogue has it.
pub fn message(key: &str) -> Option<&'static Message> {
    index().get(key).copied()
}

/// The text of `key` in `language`. An unknown key (a test keeps the code from using one) is
/// shown as itself, so that a mistake is visible rather than blank.
pub fn text(language: Language, key: &'static str) -> &'static str {
    debug_assert!(message(key).is_some(), "the catalogue has no text `{key}`");
    message(key).map_or(key, |m| m.text(language))
}

/// The text of `key` with its placeholders filled: `{name}` is replaced by the value named
/// `name`. Placeholders without a value stay as written.
pub fn fill(language: Language, key: &'static str, values: &[(&str, &str)]) -> String {
    substitute(text(language, key), |name| {
        values
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| (*v).to_owned())
    })
}

/// Replaces each `{name}` in `pattern` with what `value` gives for it; a name it gives nothing
/// for, and a brace that opens no placeholder, stay as written.
pub fn substitute(pattern: &str, mut value: impl FnMut(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) if is_placeholder(&after[..close]) => {
                let name = &after[..close];
                match value(name) {
                    Some(v) => out.push_str(&v),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn is_placeholder(name: &str) -> bool {
    !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c == '_')
}

/// The placeholders a text names, in order of first appearance.
pub fn placeholders(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    substitute(text, |name| {
        if !found.iter().any(|f| f == name) {
            found.push(name.to_owned());
        }
        None
    });
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_exists_in_every_language_with_the_same_placeholders() {
        let mut keys = std::collections::BTreeSet::new();
        for message in MESSAGES {
            assert!(keys.insert(message.key), "`{}` twice", message.key);
            for language in Language::ALL {
                assert!(
                    !message.text(language).trim().is_empty(),
                    "`{}` has no {language} text",
                    message.key
                );
            }
            let mut en = placeholders(message.en);
            let mut de = placeholders(message.de);
            en.sort();
            de.sort();
            assert_eq!(
                en, de,
                "`{}`: the languages name other placeholders",
                message.key
            );
        }
    }

    #[test]
    fn placeholders_are_filled_by_name() {
        assert_eq!(
            fill(
                Language::De,
                "when.time_span",
                &[("start", "09:30"), ("end", "10:15")]
            ),
            "09:30–10:15 Uhr"
        );
        assert_eq!(
            substitute("{a} {b} {} {A}", |n| (n == "a").then(|| "x".into())),
            "x {b} {} {A}"
        );
        assert_eq!(placeholders("{b} {a} {b}"), ["b", "a"]);
    }
}
