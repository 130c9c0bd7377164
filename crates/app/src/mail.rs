//! Sending email: a small seam, so the binary plugs in SMTP and tests a recording mailer.
//!
//! A message carries a survey link, which stands for a person: it is never logged.

use std::sync::Mutex;

/// One email to one person.
#[derive(Clone, PartialEq, Eq)]
pub struct Message {
    pub to: String,
    pub subject: String,
    pub body: String,
}

impl std::fmt::Debug for Message {
    // The body holds a single-use link: keep it out of logs and panics.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Message")
            .field("to", &self.to)
            .field("subject", &self.subject)
            .finish_non_exhaustive()
    }
}

/// Why a message was not sent, in words for the person who asked for it to be sent.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct MailError(pub String);

/// Something that sends email.
#[async_trait::async_trait]
pub trait Mailer: Send + Sync + std::fmt::Debug {
    async fn send(&self, message: Message) -> Result<(), MailError>;
}

/// Keeps every message instead of sending it (tests, and trying Headway out), or refuses
/// every one when built [`RecordingMailer::failing`].
#[derive(Debug, Default)]
pub struct RecordingMailer {
    sent: Mutex<Vec<Message>>,
    fail: bool,
}

impl RecordingMailer {
    pub fn failing() -> Self {
        RecordingMailer {
            sent: Mutex::default(),
            fail: true,
        }
    }

    pub fn sent(&self) -> Vec<Message> {
        self.sent.lock().map(|s| s.clone()).unwrap_or_default()
    }
}

#[async_trait::async_trait]
impl Mailer for RecordingMailer {
    async fn send(&self, message: Message) -> Result<(), MailError> {
        if self.fail {
            return Err(MailError("the mail server refused the connection".into()));
        }
        if let Ok(mut sent) = self.sent.lock() {
            sent.push(message);
        }
        Ok(())
    }
}
