//! Pupils' context attributes (ANALYTICS.md §1). Every attribute is optional: schools send
//! what they hold.

use serde::{Deserialize, Serialize};
use std::str::FromStr;

/// Special educational needs: none, SEN support, or an education, health and care plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sen {
    None,
    Support,
    Plan,
}

impl Sen {
    pub fn as_str(self) -> &'static str {
        match self {
            Sen::None => "none",
            Sen::Support => "support",
            Sen::Plan => "plan",
        }
    }
}

impl FromStr for Sen {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "none" => Ok(Sen::None),
            "support" => Ok(Sen::Support),
            "plan" => Ok(Sen::Plan),
            _ => Err(format!(
                "unknown SEN status '{s}' (expected none, support or plan)"
            )),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Gender {
    Female,
    Male,
    Other,
}

impl Gender {
    pub fn as_str(self) -> &'static str {
        match self {
            Gender::Female => "female",
            Gender::Male => "male",
            Gender::Other => "other",
        }
    }
}

impl FromStr for Gender {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "female" => Ok(Gender::Female),
            "male" => Ok(Gender::Male),
            "other" => Ok(Gender::Other),
            _ => Err(format!(
                "unknown gender '{s}' (expected female, male or other)"
            )),
        }
    }
}

/// The kind of an assessment point: prior attainment, in-year, or the outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AssessmentKind {
    Baseline,
    Interim,
    Final,
}

impl AssessmentKind {
    pub fn as_str(self) -> &'static str {
        match self {
            AssessmentKind::Baseline => "baseline",
            AssessmentKind::Interim => "interim",
            AssessmentKind::Final => "final",
        }
    }
}

impl FromStr for AssessmentKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "baseline" => Ok(AssessmentKind::Baseline),
            "interim" => Ok(AssessmentKind::Interim),
            "final" => Ok(AssessmentKind::Final),
            _ => Err(format!(
                "unknown assessment kind '{s}' (expected baseline, interim or final)"
            )),
        }
    }
}
