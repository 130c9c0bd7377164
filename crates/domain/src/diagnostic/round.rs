//! A round of the 360: who is asked (respondent groups) and whether it is still open.

use serde::{Deserialize, Serialize};
use std::str::FromStr;

use crate::roles::Role;

/// The groups a leader can ask, each reported on its own when the anonymity rules allow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RespondentGroup {
    SeniorLeaders,
    MiddleLeaders,
    Teachers,
    SupportStaff,
    Governors,
}

impl RespondentGroup {
    pub const ALL: [RespondentGroup; 5] = [
        RespondentGroup::SeniorLeaders,
        RespondentGroup::MiddleLeaders,
        RespondentGroup::Teachers,
        RespondentGroup::SupportStaff,
        RespondentGroup::Governors,
    ];

    /// The key stored in the database and used in forms and translation keys.
    pub fn as_str(self) -> &'static str {
        match self {
            RespondentGroup::SeniorLeaders => "senior_leaders",
            RespondentGroup::MiddleLeaders => "middle_leaders",
            RespondentGroup::Teachers => "teachers",
            RespondentGroup::SupportStaff => "support_staff",
            RespondentGroup::Governors => "governors",
        }
    }

    /// The group a person answers in, from their role in the school; a head is the one
    /// rated (or rates a senior leader as a senior leader).
    pub fn of_role(role: Role) -> Option<RespondentGroup> {
        match role {
            Role::Head | Role::SeniorLeader => Some(RespondentGroup::SeniorLeaders),
            Role::MiddleLeader => Some(RespondentGroup::MiddleLeaders),
            Role::Teacher => Some(RespondentGroup::Teachers),
            Role::SupportStaff | Role::DataManager => Some(RespondentGroup::SupportStaff),
            Role::Governor => Some(RespondentGroup::Governors),
            Role::ClusterLead | Role::SystemLeader | Role::Administrator => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown respondent group '{0}'")]
pub struct UnknownGroup(pub String);

impl FromStr for RespondentGroup {
    type Err = UnknownGroup;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        RespondentGroup::ALL
            .into_iter()
            .find(|g| g.as_str() == s)
            .ok_or_else(|| UnknownGroup(s.to_owned()))
    }
}

/// While a round is open the leader sees response counts only; the report needs it closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RoundStatus {
    Open,
    Closed,
}

impl RoundStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            RoundStatus::Open => "open",
            RoundStatus::Closed => "closed",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown round status '{0}'")]
pub struct UnknownStatus(pub String);

impl FromStr for RoundStatus {
    type Err = UnknownStatus;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "open" => Ok(RoundStatus::Open),
            "closed" => Ok(RoundStatus::Closed),
            other => Err(UnknownStatus(other.to_owned())),
        }
    }
}

/// How an invitation reaches its invitee. The rated leader chooses the channel but never
/// holds a link: an in-app invitation is answered from the invitee's own surveys, an outbox
/// link is handed out by someone else at the school, an email link goes straight to the
/// invitee.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    InApp,
    Outbox,
    Email,
}

impl Channel {
    pub const ALL: [Channel; 3] = [Channel::InApp, Channel::Outbox, Channel::Email];

    /// The channels that can reach a person: in-app needs an account to sign in with, email
    /// an address and a server configured to send it; the outbox reaches everyone.
    pub fn reaching(has_account: bool, has_email: bool, email_configured: bool) -> Vec<Channel> {
        let mut channels = Vec::new();
        if has_account {
            channels.push(Channel::InApp);
        }
        if has_email && email_configured {
            channels.push(Channel::Email);
        }
        channels.push(Channel::Outbox);
        channels
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Channel::InApp => "in_app",
            Channel::Outbox => "outbox",
            Channel::Email => "email",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown invitation channel '{0}'")]
pub struct UnknownChannel(pub String);

impl FromStr for Channel {
    type Err = UnknownChannel;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Channel::ALL
            .into_iter()
            .find(|c| c.as_str() == s)
            .ok_or_else(|| UnknownChannel(s.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_outbox_reaches_everyone_and_email_needs_an_address_and_a_server() {
        assert_eq!(Channel::reaching(false, false, true), vec![Channel::Outbox]);
        assert_eq!(Channel::reaching(false, true, false), vec![Channel::Outbox]);
        assert_eq!(
            Channel::reaching(true, true, true),
            vec![Channel::InApp, Channel::Email, Channel::Outbox]
        );
        assert_eq!(
            Channel::reaching(true, false, true),
            vec![Channel::InApp, Channel::Outbox]
        );
    }

    use super::*;

    #[test]
    fn groups_round_trip_through_their_keys() {
        for group in RespondentGroup::ALL {
            assert_eq!(group.as_str().parse::<RespondentGroup>(), Ok(group));
        }
        assert!("pupils".parse::<RespondentGroup>().is_err());
    }

    #[test]
    fn channels_round_trip_and_the_old_anonymous_link_is_not_one() {
        for channel in Channel::ALL {
            assert_eq!(channel.as_str().parse::<Channel>(), Ok(channel));
        }
        assert!("link".parse::<Channel>().is_err());
    }

    #[test]
    fn staff_answer_in_the_group_of_their_role() {
        assert_eq!(
            RespondentGroup::of_role(Role::Teacher),
            Some(RespondentGroup::Teachers)
        );
        assert_eq!(RespondentGroup::of_role(Role::ClusterLead), None);
    }
}
