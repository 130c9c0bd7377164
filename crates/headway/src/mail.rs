//! Email over SMTP for 360 invitations (settings `smtp_url`, `mail_from`): lettre's async
//! transport over rustls, plugged into the web crate's [`Mailer`] seam.

use headway_web::mail::{MailError, Mailer, Message};
use lettre::message::Mailbox;
use lettre::message::header::ContentType;
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};

pub struct SmtpMailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl std::fmt::Debug for SmtpMailer {
    // The transport holds the SMTP credentials: show only the sender.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmtpMailer")
            .field("from", &self.from.to_string())
            .finish_non_exhaustive()
    }
}

impl SmtpMailer {
    /// Whether `url` is an SMTP URL lettre can connect with (nothing is sent).
    pub fn check_url(url: &str) -> Result<(), String> {
        AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map(|_| ())
            .map_err(|e| e.to_string())
    }

    /// Whether `from` is a sender address such as `Headway <headway@school.example>`.
    pub fn check_sender(from: &str) -> Result<(), String> {
        from.parse::<Mailbox>()
            .map(|_| ())
            .map_err(|e| e.to_string())
    }

    pub fn new(url: &str, from: &str) -> anyhow::Result<SmtpMailer> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| anyhow::anyhow!("setting 'smtp_url': {e}"))?
            .build();
        let from = from
            .parse()
            .map_err(|e| anyhow::anyhow!("setting 'mail_from': {e}"))?;
        Ok(SmtpMailer { transport, from })
    }
}

#[async_trait::async_trait]
impl Mailer for SmtpMailer {
    async fn send(&self, message: Message) -> Result<(), MailError> {
        let to: Mailbox = message
            .to
            .parse()
            .map_err(|_| MailError("the invitee's email address is not valid".into()))?;
        let email = lettre::Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(message.subject)
            .header(ContentType::TEXT_PLAIN)
            .body(message.body)
            .map_err(|e| MailError(e.to_string()))?;
        self.transport
            .send(email)
            .await
            .map(|_| ())
            .map_err(|e| MailError(e.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn smtp_urls_and_senders_are_checked_before_serving() {
        assert!(SmtpMailer::check_url("smtps://user:pw@mail.example.org").is_ok());
        assert!(SmtpMailer::check_url("smtp://mail.example.org:587?tls=required").is_ok());
        assert!(SmtpMailer::check_url("http://mail.example.org").is_err());
        assert!(SmtpMailer::check_sender("Headway <headway@school.example>").is_ok());
        assert!(SmtpMailer::check_sender("headway").is_err());
        let mailer =
            SmtpMailer::new("smtps://user:secret@mail.example.org", "a@b.example").unwrap();
        assert!(!format!("{mailer:?}").contains("secret"));
    }
}
