"""What independent iCalendar parsers read from a file smarketing wrote.

Prints JSON: per event (by UID) its summary, start, duration, rule, organizer, attendees,
location, description and its occurrences from 2027 to 2028 as the recurrence expander computes
them, each with its UTC offset. The calendar is read twice: as written, and with its time zone
renamed to a name no database knows, so that the second reading must take every offset from the
file's own VTIMEZONE.
"""

import datetime
import json
import sys

import icalendar
import recurring_ical_events

RENAMED = "Smarketing-Test/Renamed"


def address(value):
    return {
        "address": str(value),
        "cn": value.params.get("CN"),
        "cutype": value.params.get("CUTYPE"),
    }


def stamp(moment):
    if isinstance(moment, datetime.datetime):
        return moment.isoformat()
    return moment.isoformat()


def read(text):
    calendar = icalendar.Calendar.from_ical(text)
    events = {}
    for event in calendar.walk("VEVENT"):
        start = event.decoded("DTSTART")
        attendees = event.get("ATTENDEE", [])
        if not isinstance(attendees, list):
            attendees = [attendees]
        rule = event.get("RRULE")
        events[str(event["UID"])] = {
            "summary": str(event["SUMMARY"]),
            "start": stamp(start),
            "tzid": event["DTSTART"].params.get("TZID"),
            "duration_minutes": int(event.decoded("DURATION").total_seconds() // 60),
            "rrule": rule.to_ical().decode() if rule is not None else None,
            "organizer": address(event["ORGANIZER"]) if "ORGANIZER" in event else None,
            "attendees": [address(a) for a in attendees],
            "location": str(event["LOCATION"]) if "LOCATION" in event else None,
            "description": str(event["DESCRIPTION"]) if "DESCRIPTION" in event else None,
            "occurrences": [],
        }
    expanded = recurring_ical_events.of(calendar).between(
        datetime.date(2027, 1, 1), datetime.date(2029, 1, 1)
    )
    for occurrence in sorted(expanded, key=lambda e: (str(e["UID"]), str(e.decoded("DTSTART")))):
        start = occurrence.decoded("DTSTART")
        events[str(occurrence["UID"])]["occurrences"].append(stamp(start))
    for event in events.values():
        event["occurrences"].sort()
    return {
        "timezones": [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")],
        "events": events,
    }


def main():
    with open(sys.argv[1], "rb") as file:
        raw = file.read()
    text = raw.decode("utf-8")
    zones = [str(tz["TZID"]) for tz in icalendar.Calendar.from_ical(text).walk("VTIMEZONE")]
    # Unfolded first, so that a name is never split by a fold.
    renamed = text.replace("\r\n ", "")
    for zone in zones:
        renamed = renamed.replace("TZID:" + zone, "TZID:" + RENAMED).replace(
            "TZID=" + zone, "TZID=" + RENAMED
        )
    print(json.dumps({"as_written": read(text), "by_its_own_vtimezone": read(renamed)}, indent=1))


if __name__ == "__main__":
    main()
