//! Schools and the organisation tree they sit in, with the context that changes how
//! leadership is enacted (phase, number on roll, free-school-meals share).

use serde::{Deserialize, Serialize};
use std::str::FromStr;

/// A node of the organisation tree: system → cluster/trust/district → school.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrgKind {
    System,
    Cluster,
    Trust,
    District,
    School,
}

impl OrgKind {
    pub fn as_str(self) -> &'static str {
        match self {
            OrgKind::System => "system",
            OrgKind::Cluster => "cluster",
            OrgKind::Trust => "trust",
            OrgKind::District => "district",
            OrgKind::School => "school",
        }
    }
}

impl FromStr for OrgKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        [
            OrgKind::System,
            OrgKind::Cluster,
            OrgKind::Trust,
            OrgKind::District,
            OrgKind::School,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
        .ok_or_else(|| format!("unknown organisation kind '{s}'"))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    Primary,
    Secondary,
    AllThrough,
    Special,
}

impl Phase {
    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Primary => "primary",
            Phase::Secondary => "secondary",
            Phase::AllThrough => "all_through",
            Phase::Special => "special",
        }
    }
}

impl FromStr for Phase {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        [
            Phase::Primary,
            Phase::Secondary,
            Phase::AllThrough,
            Phase::Special,
        ]
        .into_iter()
        .find(|p| p.as_str() == s)
        .ok_or_else(|| format!("unknown phase '{s}'"))
    }
}

/// Free-school-meals band 1–4 (ANALYTICS.md §4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct FsmBand(u8);

impl FsmBand {
    pub fn number(self) -> u8 {
        self.0
    }
}

/// The upper bounds of FSM bands 1–3 as shares; band 4 is everything above the last.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct FsmBandCuts(pub [f64; 3]);

impl Default for FsmBandCuts {
    /// The conventional English bands: 1 ≤ 8%, 2 > 8–20%, 3 > 20–35%, 4 > 35%.
    fn default() -> Self {
        FsmBandCuts([0.08, 0.20, 0.35])
    }
}

impl FsmBandCuts {
    /// Cut points given as percentages (`[8, 20, 35]`): each above 0, below 100, and
    /// rising. The reason says what is wrong.
    pub fn from_percentages(upper: [f64; 3]) -> Result<FsmBandCuts, String> {
        let rising = upper.windows(2).all(|pair| pair[0] < pair[1]);
        if upper
            .iter()
            .any(|p| !(p.is_finite() && *p > 0.0 && *p < 100.0))
            || !rising
        {
            return Err(format!(
                "the FSM band cut points must be three rising percentages between 0 and 100, not {upper:?}"
            ));
        }
        Ok(FsmBandCuts(upper.map(|p| p / 100.0)))
    }

    /// The cut points as percentages.
    pub fn percentages(&self) -> [f64; 3] {
        self.0.map(|share| share * 100.0)
    }

    /// Whether these are Headway's defaults (the conventional English bands, unverified).
    pub fn is_default(&self) -> bool {
        *self == FsmBandCuts::default()
    }

    /// The band of a school whose share of pupils eligible for free school meals is `share`
    /// (0–1). A share exactly on a cut belongs to the lower band.
    pub fn band(&self, share: f64) -> FsmBand {
        let band = self.0.iter().take_while(|cut| share > **cut).count() as u8 + 1;
        FsmBand(band)
    }
}

/// Whether two academic years, given by their first and last days, are the same year under
/// different names ("2023/24", "2023-24", "SY2024"): they overlap for at least half of the
/// shorter one. Exports disagree by a few days or weeks on when a year starts and ends,
/// never by half a year.
pub fn same_academic_year(a: (time::Date, time::Date), b: (time::Date, time::Date)) -> bool {
    let start = a.0.max(b.0);
    let end = a.1.min(b.1);
    if end < start {
        return false;
    }
    let overlap = (end - start).whole_days();
    let shorter = (a.1 - a.0).whole_days().min((b.1 - b.0).whole_days());
    overlap * 2 >= shorter
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fsm_bands_follow_the_default_cuts_with_the_cut_in_the_lower_band() {
        let cuts = FsmBandCuts::default();
        assert_eq!(cuts.band(0.0).number(), 1);
        assert_eq!(cuts.band(0.08).number(), 1);
        assert_eq!(cuts.band(0.0801).number(), 2);
        assert_eq!(cuts.band(0.20).number(), 2);
        assert_eq!(cuts.band(0.35).number(), 3);
        assert_eq!(cuts.band(0.36).number(), 4);
        assert_eq!(cuts.band(1.0).number(), 4);
    }

    #[test]
    fn fsm_cut_points_from_configuration_are_checked_and_used() {
        let cuts = FsmBandCuts::from_percentages([10.0, 20.0, 25.0]).unwrap();
        assert_eq!(cuts.band(0.30).number(), 4);
        assert_eq!(FsmBandCuts::default().band(0.30).number(), 3);
        assert!(!cuts.is_default());
        assert!(
            FsmBandCuts::from_percentages([8.0, 20.0, 35.0])
                .unwrap()
                .is_default()
        );
        for wrong in [[20.0, 8.0, 35.0], [0.0, 20.0, 35.0], [8.0, 20.0, 100.0]] {
            assert!(FsmBandCuts::from_percentages(wrong).is_err(), "{wrong:?}");
        }
    }

    #[test]
    fn phase_and_org_kind_parse_their_stored_names() {
        assert_eq!("all_through".parse::<Phase>(), Ok(Phase::AllThrough));
        assert!("nursery".parse::<Phase>().is_err());
        assert_eq!("trust".parse::<OrgKind>(), Ok(OrgKind::Trust));
    }

    #[test]
    fn academic_years_are_the_same_when_their_dates_mostly_agree() {
        use time::macros::date;
        let held = (date!(2023 - 09 - 01), date!(2024 - 08 - 31));
        assert!(same_academic_year(
            held,
            (date!(2023 - 08 - 15), date!(2024 - 07 - 20))
        ));
        assert!(same_academic_year(held, held));
        assert!(!same_academic_year(
            held,
            (date!(2024 - 09 - 01), date!(2025 - 08 - 31))
        ));
        assert!(!same_academic_year(
            held,
            (date!(2024 - 06 - 01), date!(2025 - 05 - 31))
        ));
        // A term inside the year is the same year; a term of the next year is not.
        assert!(same_academic_year(
            held,
            (date!(2024 - 01 - 08), date!(2024 - 03 - 28))
        ));
        assert!(!same_academic_year(
            held,
            (date!(2024 - 09 - 02), date!(2024 - 12 - 20))
        ));
    }
}
