//! The school's context that the focus rules read (ANALYTICS.md §4, PRODUCT.md "Context
//! changes how the same practices are enacted").

use serde::{Deserialize, Serialize};

use crate::school::{FsmBand, Phase};

/// How long the leader has been in post, in completed years.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct YearsInPost(pub u8);

impl YearsInPost {
    /// The last completed year that still counts as "early in post" (Day et al.: heads in
    /// their first 0–3 years initiated more change).
    pub const EARLY_PHASE_LAST_YEAR: u8 = 3;

    /// Completed years in post from the day the leader started to `today` (none before
    /// they started; a year is 365 days, as the focus rules count it).
    pub fn between(started_on: time::Date, today: time::Date) -> YearsInPost {
        let years = ((today - started_on).whole_days() / 365).max(0);
        YearsInPost(u8::try_from(years).unwrap_or(u8::MAX))
    }

    /// 0–3 completed years: early in post; more than 3: established.
    pub fn phase(self) -> TenurePhase {
        if self.0 <= Self::EARLY_PHASE_LAST_YEAR {
            TenurePhase::Early
        } else {
            TenurePhase::Established
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TenurePhase {
    Early,
    Established,
}

/// The school's improvement group over three years (ANALYTICS.md §4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImprovementGroup {
    LowToModerateOrHigh,
    ModerateToHigh,
    StableHigh,
    Declining,
    StableNotImproving,
}

impl From<headway_stats::trends::ImprovementGroup> for ImprovementGroup {
    fn from(group: headway_stats::trends::ImprovementGroup) -> Self {
        use headway_stats::trends::ImprovementGroup as Stats;
        match group {
            Stats::LowToModerateOrHigh => ImprovementGroup::LowToModerateOrHigh,
            Stats::ModerateToHigh => ImprovementGroup::ModerateToHigh,
            Stats::StableHigh => ImprovementGroup::StableHigh,
            Stats::Declining => ImprovementGroup::Declining,
            Stats::Stable => ImprovementGroup::StableNotImproving,
        }
    }
}

/// FSM bands 3 and 4: the more disadvantaged half of the bands.
pub fn is_higher_disadvantage(band: FsmBand) -> bool {
    band.number() >= 3
}

/// What Headway knows of the school's context; any part may be unknown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchoolContext {
    pub years_in_post: Option<YearsInPost>,
    pub fsm_band: Option<FsmBand>,
    pub improvement_group: Option<ImprovementGroup>,
    pub phase: Option<Phase>,
}

/// What a context rule rests on. Only the school leadership impact study (Day, Sammons
/// et al. 2009, DCSF-RR108; EVIDENCE.md §3) is cited; a rule it does not speak to is
/// Headway's own judgement and is shown as such. Either way, the size of the weight a rule
/// gives ([`super::focus::CONTEXT_EMPHASIS`]) is Headway's judgement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleBasis {
    /// A finding of the impact study, at the section given (e.g. "10.3").
    ImpactStudy { section: &'static str },
    /// Headway's judgement: no study we hold says it.
    HeadwayJudgement,
}

/// The context rules of the focus suggestions, one per situation the evidence speaks to.
/// Each has a note in the instrument file (`[context_notes.<rule>]`); the rule itself is
/// in `focus.rs`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContextRule {
    EarlyInPost,
    EstablishedInPost,
    HigherDisadvantage,
    DecliningOrStalled,
    ImprovingFromLow,
    SustainingHigh,
    SecondaryPhase,
}

impl ContextRule {
    pub const ALL: [ContextRule; 7] = [
        ContextRule::EarlyInPost,
        ContextRule::EstablishedInPost,
        ContextRule::HigherDisadvantage,
        ContextRule::DecliningOrStalled,
        ContextRule::ImprovingFromLow,
        ContextRule::SustainingHigh,
        ContextRule::SecondaryPhase,
    ];

    /// What the rule rests on: the impact study's section, or Headway's judgement.
    pub fn basis(self) -> RuleBasis {
        match self {
            // FSM bands 3–4: teaching and the curriculum weigh more.
            ContextRule::HigherDisadvantage => RuleBasis::ImpactStudy { section: "10.3" },
            // Improving from low: culture, teaching and the use of data.
            ContextRule::ImprovingFromLow => RuleBasis::ImpactStudy { section: "7.3" },
            // Secondary heads lead teaching more indirectly.
            ContextRule::SecondaryPhase => RuleBasis::ImpactStudy { section: "9.3" },
            ContextRule::EarlyInPost
            | ContextRule::EstablishedInPost
            | ContextRule::DecliningOrStalled
            | ContextRule::SustainingHigh => RuleBasis::HeadwayJudgement,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ContextRule::EarlyInPost => "early_in_post",
            ContextRule::EstablishedInPost => "established_in_post",
            ContextRule::HigherDisadvantage => "higher_disadvantage",
            ContextRule::DecliningOrStalled => "declining_or_stalled",
            ContextRule::ImprovingFromLow => "improving_from_low",
            ContextRule::SustainingHigh => "sustaining_high",
            ContextRule::SecondaryPhase => "secondary_phase",
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn years_in_post_are_completed_years_and_never_negative() {
        let day = |y, m, d| {
            time::Date::from_calendar_date(y, time::Month::try_from(m).unwrap(), d).unwrap()
        };
        assert_eq!(
            YearsInPost::between(day(2020, 9, 1), day(2020, 9, 1)),
            YearsInPost(0)
        );
        assert_eq!(
            YearsInPost::between(day(2020, 9, 1), day(2021, 8, 31)),
            YearsInPost(0)
        );
        assert_eq!(
            YearsInPost::between(day(2020, 9, 1), day(2024, 9, 1)),
            YearsInPost(4)
        );
        assert_eq!(
            YearsInPost::between(day(2025, 9, 1), day(2024, 9, 1)),
            YearsInPost(0)
        );
        assert_eq!(
            YearsInPost::between(day(1700, 1, 1), day(2024, 9, 1)),
            YearsInPost(255)
        );
    }

    use super::*;
    use crate::school::FsmBandCuts;

    #[test]
    fn three_completed_years_is_still_early_in_post_and_four_is_established() {
        assert_eq!(YearsInPost(0).phase(), TenurePhase::Early);
        assert_eq!(YearsInPost(3).phase(), TenurePhase::Early);
        assert_eq!(YearsInPost(4).phase(), TenurePhase::Established);
    }

    #[test]
    fn fsm_bands_three_and_four_are_higher_disadvantage() {
        let cuts = FsmBandCuts::default();
        assert!(!is_higher_disadvantage(cuts.band(0.20)));
        assert!(is_higher_disadvantage(cuts.band(0.21)));
        assert!(is_higher_disadvantage(cuts.band(0.60)));
    }
}
