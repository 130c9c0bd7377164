//! Roles people hold, in a school or above schools.

use serde::{Deserialize, Serialize};
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Head,
    SeniorLeader,
    MiddleLeader,
    Teacher,
    SupportStaff,
    Governor,
    DataManager,
    ClusterLead,
    SystemLeader,
    Administrator,
}

impl Role {
    pub const ALL: [Role; 10] = [
        Role::Head,
        Role::SeniorLeader,
        Role::MiddleLeader,
        Role::Teacher,
        Role::SupportStaff,
        Role::Governor,
        Role::DataManager,
        Role::ClusterLead,
        Role::SystemLeader,
        Role::Administrator,
    ];

    /// The name stored in the database and used on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Head => "head",
            Role::SeniorLeader => "senior_leader",
            Role::MiddleLeader => "middle_leader",
            Role::Teacher => "teacher",
            Role::SupportStaff => "support_staff",
            Role::Governor => "governor",
            Role::DataManager => "data_manager",
            Role::ClusterLead => "cluster_lead",
            Role::SystemLeader => "system_leader",
            Role::Administrator => "administrator",
        }
    }

    /// Roles held in a school, as opposed to above schools (a cluster, trust or system).
    pub fn is_school_role(self) -> bool {
        !matches!(
            self,
            Role::ClusterLead | Role::SystemLeader | Role::Administrator
        )
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error(
    "unknown role '{0}' (expected one of: head, senior_leader, middle_leader, teacher, support_staff, governor, data_manager, cluster_lead, system_leader, administrator)"
)]
pub struct UnknownRole(pub String);

impl FromStr for Role {
    type Err = UnknownRole;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| UnknownRole(s.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_round_trips_through_its_name() {
        for role in Role::ALL {
            assert_eq!(role.as_str().parse::<Role>(), Ok(role));
        }
    }

    #[test]
    fn an_unknown_role_is_named_in_the_error() {
        let err = "principal".parse::<Role>().unwrap_err();
        assert!(err.to_string().contains("'principal'"));
    }

    #[test]
    fn cluster_and_system_roles_are_above_school() {
        assert!(Role::Teacher.is_school_role());
        assert!(!Role::ClusterLead.is_school_role());
        assert!(!Role::Administrator.is_school_role());
    }
}
