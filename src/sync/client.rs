//! The HubSpot API over HTTPS: the token, the base address, limits and what failures mean.
//!
//! The token comes from `HUBSPOT_ACCESS_TOKEN` and goes only into the `Authorization` header:
//! it is never part of a message, so no error can print it. HubSpot allows about 100 requests
//! in 10 seconds per app; the client keeps under that itself, and waits and retries when HubSpot
//! still answers 429 (as long as `Retry-After` says, or longer each time) or a 5xx. Each request
//! has a connect and an overall timeout, so an address that does not answer ends the run in
//! well under a minute.

use crate::export::hubspot::SCOPES;
use serde_json::Value;
use std::collections::VecDeque;
use std::fmt;
use std::time::{Duration, Instant};

/// Where HubSpot's API is when `HUBSPOT_API_BASE` is not set.
pub const DEFAULT_BASE: &str = "https://api.hubapi.com";
/// The variable that holds the token.
pub const TOKEN_VARIABLE: &str = "HUBSPOT_ACCESS_TOKEN";
/// The variable that can point the client at another address (a test server).
pub const BASE_VARIABLE: &str = "HUBSPOT_API_BASE";

/// Requests in any window of `WINDOW`: below HubSpot's 100 per 10 seconds.
const MAX_IN_WINDOW: usize = 90;
const WINDOW: Duration = Duration::from_secs(10);
/// Tries of one request before a 429 or 5xx is a failure.
const TRIES: u32 = 5;
/// The longest wait before a retry: a longer `Retry-After` ends the run instead.
const MAX_WAIT: Duration = Duration::from_secs(20);
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// Why a request did not succeed.
#[derive(Debug)]
pub enum Failure {
    /// The token is missing, refused or lacks scopes, the network or HubSpot failed, or a limit
    /// was reached: nothing more can be done in this run.
    Fatal(String),
    /// HubSpot refused this one request (400, 404, 409, …): others may still succeed.
    Refused(String),
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Fatal(message) | Failure::Refused(message) => f.write_str(message),
        }
    }
}

/// A successful answer.
pub struct Answer {
    pub status: u16,
    pub body: Value,
}

/// A client for one run: one token, one base, one count of requests.
pub struct Client {
    agent: ureq::Agent,
    base: String,
    token: String,
    sent: VecDeque<Instant>,
}

impl Client {
    /// A client from the environment, or why there is none.
    pub fn from_env() -> Result<Client, String> {
        let token = std::env::var(TOKEN_VARIABLE)
            .ok()
            .filter(|token| !token.trim().is_empty())
            .ok_or_else(|| {
                format!(
                    "`{TOKEN_VARIABLE}` is not set: create a private app in HubSpot with the scopes {} and put its token in `{TOKEN_VARIABLE}`",
                    SCOPES.join(", ")
                )
            })?;
        let base = std::env::var(BASE_VARIABLE)
            .ok()
            .filter(|base| !base.is_empty())
            .unwrap_or_else(|| DEFAULT_BASE.to_owned());
        if !(base.starts_with("https://") || base.starts_with("http://")) {
            return Err(format!(
                "`{BASE_VARIABLE}` is `{base}`; it must be an address starting with `https://`"
            ));
        }
        Ok(Client::new(base, token.trim().to_owned()))
    }

    pub fn new(base: String, token: String) -> Client {
        let config = ureq::Agent::config_builder()
            .timeout_connect(Some(CONNECT_TIMEOUT))
            .timeout_global(Some(REQUEST_TIMEOUT))
            .http_status_as_error(false)
            .build();
        Client {
            agent: config.into(),
            base: base.trim_end_matches('/').to_owned(),
            token,
            sent: VecDeque::new(),
        }
    }

    pub fn get(&mut self, path: &str) -> Result<Value, Failure> {
        self.request("GET", path, None).map(|answer| answer.body)
    }

    /// A write request: a POST that creates, a PATCH, PUT or DELETE, a batch archive.
    pub fn send(
        &mut self,
        method: &str,
        path: &str,
        body: Option<&Value>,
    ) -> Result<Answer, Failure> {
        self.request(method, path, body)
    }

    fn request(
        &mut self,
        method: &str,
        path: &str,
        body: Option<&Value>,
    ) -> Result<Answer, Failure> {
        let url = format!("{}{path}", self.base);
        let mut wait = Duration::from_millis(500);
        for attempt in 1..=TRIES {
            self.throttle();
            let (status, retry_after, text) = self.once(method, &url, body).map_err(|error| {
                Failure::Fatal(format!(
                    "{method} {path}: HubSpot could not be reached at {}: {error}",
                    self.base
                ))
            })?;
            if (200..300).contains(&status) {
                let body = if text.trim().is_empty() {
                    Value::Null
                } else {
                    serde_json::from_str(&text).map_err(|error| {
                        Failure::Fatal(format!(
                            "{method} {path}: HubSpot answered {status} with a body that is not JSON: {error}"
                        ))
                    })?
                };
                return Ok(Answer { status, body });
            }
            let error = ApiError::parse(status, &text);
            let retry = status == 429 || status >= 500;
            if status == 429 && error.is_daily_limit() {
                return Err(Failure::Fatal(format!(
                    "{method} {path}: HubSpot's daily API limit is reached ({error}); run again tomorrow or raise the limit"
                )));
            }
            if retry && attempt < TRIES {
                let pause = retry_after.unwrap_or(wait);
                if pause > MAX_WAIT {
                    return Err(Failure::Fatal(format!(
                        "{method} {path}: HubSpot asks to wait {} s before the next request ({error})",
                        pause.as_secs()
                    )));
                }
                std::thread::sleep(pause);
                wait = (wait * 2).min(MAX_WAIT);
                continue;
            }
            let message = format!("{method} {path}: {error}");
            return Err(match status {
                401 => Failure::Fatal(format!(
                    "{message}\nthe token in `{TOKEN_VARIABLE}` was refused; a private app token with the scopes {} is needed",
                    SCOPES.join(", ")
                )),
                403 => Failure::Fatal(format!(
                    "{message}\nthe token lacks a scope; smarketing needs {}",
                    SCOPES.join(", ")
                )),
                _ if retry => Failure::Fatal(message),
                _ => Failure::Refused(message),
            });
        }
        Err(Failure::Fatal(format!(
            "{method} {path}: no answer after {TRIES} tries"
        )))
    }

    /// One request: its status, how long HubSpot asks to wait, and its body.
    fn once(
        &self,
        method: &str,
        url: &str,
        body: Option<&Value>,
    ) -> Result<(u16, Option<Duration>, String), ureq::Error> {
        let authorization = format!("Bearer {}", self.token);
        let mut response = match (method, body) {
            ("GET", _) => self
                .agent
                .get(url)
                .header("Authorization", &authorization)
                .call()?,
            ("DELETE", _) => self
                .agent
                .delete(url)
                .header("Authorization", &authorization)
                .call()?,
            (method, body) => {
                let text = body.map(Value::to_string).unwrap_or_default();
                let request = match method {
                    "PATCH" => self.agent.patch(url),
                    "PUT" => self.agent.put(url),
                    _ => self.agent.post(url),
                };
                request
                    .header("Authorization", &authorization)
                    .content_type("application/json")
                    .send(text)?
            }
        };
        let status = response.status().as_u16();
        let retry_after = response
            .headers()
            .get("retry-after")
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.trim().parse::<u64>().ok())
            .map(Duration::from_secs);
        let text = response.body_mut().read_to_string()?;
        Ok((status, retry_after, text))
    }

    /// Waits until one more request keeps within `MAX_IN_WINDOW` per `WINDOW`.
    fn throttle(&mut self) {
        let now = Instant::now();
        while self
            .sent
            .front()
            .is_some_and(|sent| now.duration_since(*sent) >= WINDOW)
        {
            self.sent.pop_front();
        }
        if self.sent.len() >= MAX_IN_WINDOW
            && let Some(oldest) = self.sent.front()
        {
            std::thread::sleep(WINDOW.saturating_sub(now.duration_since(*oldest)));
            self.sent.pop_front();
        }
        self.sent.push_back(Instant::now());
    }
}

/// HubSpot's error body: `category`, `message`, `correlationId`, and for rate limits the
/// policy that was hit.
struct ApiError {
    status: u16,
    category: Option<String>,
    message: Option<String>,
    correlation_id: Option<String>,
    policy: Option<String>,
}

impl ApiError {
    fn parse(status: u16, text: &str) -> ApiError {
        let body: Value = serde_json::from_str(text).unwrap_or(Value::Null);
        let field = |key: &str| body.get(key).and_then(Value::as_str).map(str::to_owned);
        ApiError {
            status,
            category: field("category"),
            message: field("message"),
            correlation_id: field("correlationId"),
            policy: field("policyName"),
        }
    }

    fn is_daily_limit(&self) -> bool {
        self.policy
            .as_deref()
            .is_some_and(|policy| policy.eq_ignore_ascii_case("DAILY"))
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HubSpot answered {}", self.status)?;
        if let Some(category) = &self.category {
            write!(f, " {category}")?;
        }
        if let Some(message) = &self.message {
            write!(f, ": {message}")?;
        }
        if let Some(id) = &self.correlation_id {
            write!(f, " (correlationId {id})")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_names_category_message_and_correlation_id() {
        let error = ApiError::parse(
            409,
            r#"{"status":"error","category":"CONFLICT","message":"Property already exists","correlationId":"abc-123"}"#,
        );
        assert_eq!(
            error.to_string(),
            "HubSpot answered 409 CONFLICT: Property already exists (correlationId abc-123)"
        );
        assert!(!error.is_daily_limit());
        assert!(ApiError::parse(429, r#"{"policyName":"DAILY"}"#).is_daily_limit());
        assert_eq!(
            ApiError::parse(502, "<html>").to_string(),
            "HubSpot answered 502"
        );
    }
}
