//! Peer review between schools in a cluster (PRODUCT.md capability 6; issue 18, item 2): the
//! Schools Partnership Programme's cycle of self-review, a peer-review visit, an improvement
//! workshop and follow-up (EVIDENCE.md §10).
//!
//! Pure rules: the stages in order and which part of the review each opens; who reads each
//! section ([`readers`], which the access policy's `Action::Review` asks, so the page's
//! "who reads this" is the rule enforced); and Headway's own suggested lines of enquiry
//! from the figures a school shared ([`suggest_enquiries`]), each drawn from a 95% interval
//! that excludes zero — never from a figure whose interval includes it.

use crate::ids::{OrgId, PersonId, SchoolId};
use serde::{Deserialize, Serialize};

/// The stages of a review, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Stage {
    /// The reviewed school's head writes its self-review beside its own data and plan.
    SelfReview,
    /// The head chooses which figures the review team sees; a dated snapshot is kept.
    SharingData,
    /// The team's visit: its date and lines of enquiry.
    Visit,
    /// Evidence gathered under each line of enquiry.
    Evidence,
    /// Findings: strengths and areas to explore.
    Findings,
    /// The improvement workshop: its date and notes.
    Workshop,
    /// Follow-up actions, which the head can add to the school's plan.
    FollowUp,
    Closed,
}

impl Stage {
    pub const ALL: [Stage; 8] = [
        Stage::SelfReview,
        Stage::SharingData,
        Stage::Visit,
        Stage::Evidence,
        Stage::Findings,
        Stage::Workshop,
        Stage::FollowUp,
        Stage::Closed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Stage::SelfReview => "self_review",
            Stage::SharingData => "sharing_data",
            Stage::Visit => "visit",
            Stage::Evidence => "evidence",
            Stage::Findings => "findings",
            Stage::Workshop => "workshop",
            Stage::FollowUp => "follow_up",
            Stage::Closed => "closed",
        }
    }

    pub fn parse(text: &str) -> Option<Stage> {
        Stage::ALL.into_iter().find(|s| s.as_str() == text)
    }

    /// The stage after this one; `None` once closed.
    pub fn next(self) -> Option<Stage> {
        let at = Stage::ALL.iter().position(|s| *s == self)?;
        Stage::ALL.get(at + 1).copied()
    }

    pub fn is_open(self) -> bool {
        self != Stage::Closed
    }
}

/// A part of a review, as it is read and written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Section {
    SelfReview,
    SharedData,
    /// The visit's date and its lines of enquiry.
    Visit,
    /// Notes gathered under each line of enquiry.
    Evidence,
    Findings,
    Workshop,
    FollowUp,
}

impl Section {
    pub const ALL: [Section; 7] = [
        Section::SelfReview,
        Section::SharedData,
        Section::Visit,
        Section::Evidence,
        Section::Findings,
        Section::Workshop,
        Section::FollowUp,
    ];

    /// The stage from which the section may be written.
    fn opens_at(self) -> Stage {
        match self {
            Section::SelfReview => Stage::SelfReview,
            Section::SharedData => Stage::SelfReview,
            Section::Visit | Section::Evidence => Stage::Visit,
            Section::Findings => Stage::Visit,
            Section::Workshop | Section::FollowUp => Stage::Findings,
        }
    }

    /// The last stage at which it may still be written: what was shared is fixed once the
    /// team visits, so the team reads exactly the snapshot the head chose.
    fn closes_after(self) -> Stage {
        match self {
            Section::SharedData => Stage::SharingData,
            _ => Stage::FollowUp,
        }
    }
}

/// Why a review refused a change that the person was otherwise allowed to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ReviewRule {
    #[error("this review is closed")]
    Closed,
    #[error("this part of the review opens at a later stage")]
    NotYet,
    #[error("what the school shared is fixed once the review visit begins")]
    SharingOver,
    #[error("there are no findings to release yet")]
    NothingToRelease,
}

/// Whether `section` may be written while the review is at `stage`.
pub fn writable(section: Section, stage: Stage) -> Result<(), ReviewRule> {
    if !stage.is_open() {
        Err(ReviewRule::Closed)
    } else if stage < section.opens_at() {
        Err(ReviewRule::NotYet)
    } else if stage > section.closes_after() {
        Err(ReviewRule::SharingOver)
    } else {
        Ok(())
    }
}

/// What decides who may read and write a review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewFacts {
    /// The reviewed school, which owns the report.
    pub school: SchoolId,
    /// The cluster whose cycle the review belongs to, and its schools.
    pub cluster: OrgId,
    pub cluster_schools: Vec<SchoolId>,
    /// The review team: leaders of other schools of the cluster.
    pub team: Vec<PersonId>,
    pub stage: Stage,
    /// Whether the school's head has released its findings and follow-up.
    pub released: bool,
}

/// Someone who reads a section, as the page lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reader {
    /// The reviewed school's head and senior leaders.
    SchoolLeaders,
    /// The review team, while the review is open.
    Team,
    /// The reviewed school's governors, once released.
    Governors,
    /// The cluster's lead, once released.
    ClusterLead,
    /// The heads of the cluster's other schools, once released.
    ClusterHeads,
}

/// Everyone who reads `section` of a review. The access policy asks this same list.
pub fn readers(section: Section, facts: &ReviewFacts) -> Vec<Reader> {
    let mut readers = vec![Reader::SchoolLeaders];
    let team_reads = matches!(
        section,
        Section::SharedData | Section::Visit | Section::Evidence | Section::Findings
    );
    if team_reads && facts.stage.is_open() {
        readers.push(Reader::Team);
    }
    let released_part = matches!(section, Section::Findings | Section::FollowUp);
    if released_part && facts.released {
        readers.extend([Reader::Governors, Reader::ClusterLead, Reader::ClusterHeads]);
    }
    readers
}

/// What a person does to a review.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Act {
    Read(Section),
    Write(Section),
    /// Move the review on to its next stage.
    Advance,
    /// Release the findings and follow-up to the cluster and the school's governors.
    Release,
    /// Add a follow-up action to the school's plan (the plan's own rules apply as well).
    AddToPlan,
}

/// Who writes a section.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Writer {
    TheHead,
    SchoolLeaders,
    /// The review team, while the review is open.
    Team,
}

pub fn writer(section: Section) -> Writer {
    match section {
        Section::SelfReview | Section::SharedData => Writer::TheHead,
        Section::Visit | Section::Evidence | Section::Findings => Writer::Team,
        Section::Workshop | Section::FollowUp => Writer::SchoolLeaders,
    }
}

/// Whether the team moves the review on from `stage` (the visit and the findings are
/// theirs); the head moves it on from any stage.
pub fn team_advances(stage: Stage) -> bool {
    matches!(stage, Stage::Visit | Stage::Evidence | Stage::Findings)
}

/// The longest text a review accepts in one field.
pub const LONGEST_TEXT: usize = 4000;

/// A figure a school can share for its review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum FigureKind {
    /// The headline value added with its 95% interval.
    HeadlineValueAdded,
    /// Disadvantaged pupils' value added minus other pupils', with its interval.
    DisadvantagedGap,
    /// The change in that gap from the oldest year shown to the newest.
    GapChange,
    /// The change in the headline value added over the years shown.
    Direction,
    /// Mean attendance with its interval.
    Attendance,
}

impl FigureKind {
    pub const ALL: [FigureKind; 5] = [
        FigureKind::HeadlineValueAdded,
        FigureKind::DisadvantagedGap,
        FigureKind::GapChange,
        FigureKind::Direction,
        FigureKind::Attendance,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            FigureKind::HeadlineValueAdded => "headline_value_added",
            FigureKind::DisadvantagedGap => "disadvantaged_gap",
            FigureKind::GapChange => "gap_change",
            FigureKind::Direction => "direction",
            FigureKind::Attendance => "attendance",
        }
    }

    pub fn parse(text: &str) -> Option<FigureKind> {
        FigureKind::ALL.into_iter().find(|k| k.as_str() == text)
    }
}

/// One figure as the school shared it: its value and 95% interval, the year, and what it
/// measures in words (the headline measure's name).
#[derive(Debug, Clone, PartialEq)]
pub struct SharedFigure {
    pub kind: FigureKind,
    pub measure: String,
    pub year: String,
    pub value: f64,
    pub ci_lower: f64,
    pub ci_upper: f64,
    /// Pupils it rests on, where one group does.
    pub pupils: Option<i64>,
}

/// A gap's change between two years: `now − then`, with `se = √(se_then² + se_now²)` (two
/// different cohorts), each standard error recovered from its 95% interval as
/// `(upper − lower) / (2 × 1.96)`.
pub fn gap_change(then: (f64, f64, f64), now: (f64, f64, f64)) -> (f64, f64, f64) {
    let se = |(_, lower, upper): (f64, f64, f64)| (upper - lower) / (2.0 * 1.96);
    let change = now.0 - then.0;
    let se = (se(then).powi(2) + se(now).powi(2)).sqrt();
    (change, change - 1.96 * se, change + 1.96 * se)
}

/// Why Headway suggests a line of enquiry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Suggestion {
    /// The headline value added is significantly below zero.
    ValueAddedBelow,
    /// The headline value added is significantly above zero: what others might learn.
    ValueAddedAbove,
    /// Disadvantaged pupils make significantly less progress than others.
    GapAgainstDisadvantaged,
    /// Disadvantaged pupils make significantly more progress than others.
    GapFavoursDisadvantaged,
    /// The gap has moved significantly against disadvantaged pupils.
    GapWidening,
    /// The headline value added has fallen significantly.
    ValueAddedFalling,
}

impl Suggestion {
    pub const ALL: [Suggestion; 6] = [
        Suggestion::ValueAddedBelow,
        Suggestion::ValueAddedAbove,
        Suggestion::GapAgainstDisadvantaged,
        Suggestion::GapFavoursDisadvantaged,
        Suggestion::GapWidening,
        Suggestion::ValueAddedFalling,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Suggestion::ValueAddedBelow => "value_added_below",
            Suggestion::ValueAddedAbove => "value_added_above",
            Suggestion::GapAgainstDisadvantaged => "gap_against_disadvantaged",
            Suggestion::GapFavoursDisadvantaged => "gap_favours_disadvantaged",
            Suggestion::GapWidening => "gap_widening",
            Suggestion::ValueAddedFalling => "value_added_falling",
        }
    }

    pub fn parse(text: &str) -> Option<Suggestion> {
        Suggestion::ALL.into_iter().find(|s| s.as_str() == text)
    }
}

/// Headway's own suggested lines of enquiry from the shared figures, each with the figure it
/// comes from. Only a 95% interval wholly on one side of zero suggests anything; attendance
/// suggests nothing, since no threshold for it is in the evidence Headway cites.
pub fn suggest_enquiries(figures: &[SharedFigure]) -> Vec<(Suggestion, &SharedFigure)> {
    let mut found = Vec::new();
    for figure in figures {
        let below = figure.ci_upper < 0.0;
        let above = figure.ci_lower > 0.0;
        let suggestion = match figure.kind {
            FigureKind::HeadlineValueAdded if below => Some(Suggestion::ValueAddedBelow),
            FigureKind::HeadlineValueAdded if above => Some(Suggestion::ValueAddedAbove),
            FigureKind::DisadvantagedGap if below => Some(Suggestion::GapAgainstDisadvantaged),
            FigureKind::DisadvantagedGap if above => Some(Suggestion::GapFavoursDisadvantaged),
            FigureKind::GapChange if below => Some(Suggestion::GapWidening),
            FigureKind::Direction if below => Some(Suggestion::ValueAddedFalling),
            _ => None,
        };
        if let Some(s) = suggestion {
            found.push((s, figure));
        }
    }
    found.sort_by_key(|(s, _)| *s);
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figure(kind: FigureKind, value: f64, lower: f64, upper: f64) -> SharedFigure {
        SharedFigure {
            kind,
            measure: "Capped 9".into(),
            year: "2025/26".into(),
            value,
            ci_lower: lower,
            ci_upper: upper,
            pupils: Some(120),
        }
    }

    fn facts(stage: Stage, released: bool) -> ReviewFacts {
        ReviewFacts {
            school: SchoolId(9),
            cluster: OrgId(8),
            cluster_schools: vec![SchoolId(9), SchoolId(10)],
            team: vec![PersonId(50)],
            stage,
            released,
        }
    }

    #[test]
    fn stages_run_in_order_and_end_closed() {
        let mut stage = Stage::SelfReview;
        let mut seen = vec![stage];
        while let Some(next) = stage.next() {
            assert!(next > stage);
            stage = next;
            seen.push(stage);
        }
        assert_eq!(seen, Stage::ALL);
        assert_eq!(stage, Stage::Closed);
        for s in Stage::ALL {
            assert_eq!(Stage::parse(s.as_str()), Some(s));
        }
        assert_eq!(Stage::parse("draft"), None);
    }

    #[test]
    fn a_section_is_written_from_its_stage_until_the_review_closes() {
        assert_eq!(writable(Section::SelfReview, Stage::SelfReview), Ok(()));
        assert_eq!(
            writable(Section::Findings, Stage::SharingData),
            Err(ReviewRule::NotYet)
        );
        assert_eq!(writable(Section::Findings, Stage::Findings), Ok(()));
        assert_eq!(
            writable(Section::SharedData, Stage::Visit),
            Err(ReviewRule::SharingOver)
        );
        assert_eq!(writable(Section::SharedData, Stage::SharingData), Ok(()));
        for section in Section::ALL {
            assert_eq!(writable(section, Stage::Closed), Err(ReviewRule::Closed));
        }
    }

    #[test]
    fn the_team_reads_the_shared_data_and_its_own_work_only_while_the_review_is_open() {
        let open = facts(Stage::Findings, false);
        for section in Section::ALL {
            let team = readers(section, &open).contains(&Reader::Team);
            assert_eq!(
                team,
                matches!(
                    section,
                    Section::SharedData | Section::Visit | Section::Evidence | Section::Findings
                ),
                "{section:?}"
            );
            assert!(readers(section, &open).contains(&Reader::SchoolLeaders));
        }
        let closed = facts(Stage::Closed, false);
        for section in Section::ALL {
            assert!(!readers(section, &closed).contains(&Reader::Team));
        }
    }

    #[test]
    fn the_cluster_and_governors_read_only_the_released_findings_and_follow_up() {
        for released in [false, true] {
            let f = facts(Stage::FollowUp, released);
            for section in Section::ALL {
                let outside = readers(section, &f);
                let expected = released && matches!(section, Section::Findings | Section::FollowUp);
                for reader in [Reader::ClusterLead, Reader::ClusterHeads, Reader::Governors] {
                    assert_eq!(
                        outside.contains(&reader),
                        expected,
                        "{section:?} {released}"
                    );
                }
            }
        }
    }

    #[test]
    fn only_an_interval_clear_of_zero_suggests_a_line_of_enquiry() {
        let figures = vec![
            figure(FigureKind::HeadlineValueAdded, -3.1, -5.0, -1.2),
            figure(FigureKind::DisadvantagedGap, -2.0, -4.5, 0.5),
            figure(FigureKind::GapChange, -4.0, -7.0, -1.0),
            figure(FigureKind::Direction, -1.0, -3.0, 1.0),
            figure(FigureKind::Attendance, 91.0, 90.0, 92.0),
        ];
        let found: Vec<Suggestion> = suggest_enquiries(&figures)
            .into_iter()
            .map(|(s, _)| s)
            .collect();
        assert_eq!(
            found,
            vec![Suggestion::ValueAddedBelow, Suggestion::GapWidening]
        );
        let strong = vec![
            figure(FigureKind::HeadlineValueAdded, 2.0, 0.5, 3.5),
            figure(FigureKind::DisadvantagedGap, 3.0, 1.0, 5.0),
            figure(FigureKind::Direction, -3.0, -5.0, -1.0),
        ];
        let found: Vec<Suggestion> = suggest_enquiries(&strong)
            .into_iter()
            .map(|(s, _)| s)
            .collect();
        assert_eq!(
            found,
            vec![
                Suggestion::ValueAddedAbove,
                Suggestion::GapFavoursDisadvantaged,
                Suggestion::ValueAddedFalling
            ]
        );
        for s in Suggestion::ALL {
            assert_eq!(Suggestion::parse(s.as_str()), Some(s));
        }
    }

    #[test]
    fn a_gaps_change_adds_the_two_years_variances() {
        // Intervals ±1.96 (se 1) and ±3.92 (se 2): the change's se is √5.
        let (change, lower, upper) = gap_change((-1.0, -2.96, 0.96), (-4.0, -7.92, -0.08));
        assert!((change + 3.0).abs() < 1e-12);
        let half = 1.96 * 5f64.sqrt();
        assert!((lower - (-3.0 - half)).abs() < 1e-9);
        assert!((upper - (-3.0 + half)).abs() < 1e-9);
    }
}
