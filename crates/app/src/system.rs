//! Many schools at once: the schools of a cluster, trust, district or system side by side
//! for its leader (PRODUCT.md capability 6). Each school's figures are the ones its own
//! pages show — the overview's headline value added with its interval, disadvantaged gap,
//! direction and attendance ([`SchoolOverviews`]), the improvement group the progress
//! engine computes ([`ProgressReports::school_improvement_group`]), the plan's priorities
//! as a cluster lead may read them — computed once per data version, from the stored
//! reference fits. On top: the similar-schools comparison (same FSM band) and where
//! support is most needed (`headway_domain::system`).
//!
//! The leader is asked for [`Action::CompareSchools`], then every school for
//! [`Action::ViewSchoolFigures`] and its plan for [`Action::ViewPlan`]: a school outside the
//! leader's grants is not shown at all.

use crate::cache::DerivedCache;
use crate::progress::{OverviewFigures, ProgressError, ProgressReports, SchoolOverviews};
use headway_domain::access::{Action, Principal};
use headway_domain::ids::{OrgId, SchoolId};
use headway_domain::progress::SchoolProgress;
use headway_domain::school::{FsmBand, FsmBandCuts};
use headway_domain::system::{
    NotImproving, ShownFigure, SimilarComparison, compare_with_similar, needs_support,
};
use headway_stats::trends::ImprovementGroup;
use headway_store::Store;
use headway_store::planning::PlanSummary;
use headway_store::progress::Choice;
use headway_store::roster::{OrgSummary, SchoolSummary};
use std::sync::Arc;

/// Each school's improvement group, by data version (the overview has its own cache).
#[derive(Debug, Default, Clone)]
pub struct SystemCache {
    improvement: DerivedCache<i64, Option<ImprovementGroup>>,
}

/// Which schools to show: by phase (`"secondary"` …) and by FSM band (1–4).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SchoolFilter {
    pub phase: Option<String>,
    pub band: Option<u8>,
}

impl SchoolFilter {
    fn keeps(&self, school: &ComparedSchool) -> bool {
        self.phase
            .as_deref()
            .is_none_or(|p| p == school.summary.phase)
            && self.band.is_none_or(|b| b == school.fsm_band.number())
    }
}

/// What a school's headline measures, so only like is set beside like (one chart, one
/// similar-schools comparison per measure).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MeasureKey {
    /// An aggregate outcome imported as a subject (Capped 9, Attainment 8), by subject id.
    Subject(i64),
    /// Value added averaged across subjects.
    AcrossSubjects,
}

/// One school of the view with its figures.
#[derive(Debug, Clone)]
pub struct ComparedSchool {
    pub summary: SchoolSummary,
    pub fsm_band: FsmBand,
    /// Whole years since the head started, to the store's clock.
    pub head_years_in_post: Option<i64>,
    /// The overview of the year shown; `None` when the school has no final results that
    /// year (it is listed, with no figures).
    pub figures: Option<Arc<OverviewFigures>>,
    /// Over the school's latest three years, all subjects together.
    pub improvement: Option<ImprovementGroup>,
    /// The school's newest plan, as the leader may read it (titles of priorities only).
    pub plan: Option<PlanSummary>,
    /// Beside the other schools of its FSM band in view with a shown figure on the same
    /// measure; `None` when its own figure is hidden or it has no such neighbour.
    pub similar: Option<SimilarComparison>,
    /// Significantly below and not improving, and why it counts as not improving.
    pub support: Option<NotImproving>,
}

impl ComparedSchool {
    /// The headline's figures (with the gap and groups), when the year has a headline.
    pub fn headline(&self) -> Option<&SchoolProgress> {
        self.figures
            .as_deref()
            .and_then(|f| f.headline())
            .map(|h| &h.progress)
    }

    /// What the headline measures, when there is one.
    pub fn measure(&self) -> Option<MeasureKey> {
        use crate::progress::HeadlineMeasure;
        let headline = self.figures.as_deref()?.headline()?;
        Some(match &headline.measure {
            HeadlineMeasure::Subject(choice) => MeasureKey::Subject(choice.id),
            HeadlineMeasure::AcrossSubjects { .. } => MeasureKey::AcrossSubjects,
        })
    }

    /// The headline value added as the similar-schools comparison reads it: only a shown
    /// figure.
    fn shown_figure(&self) -> Option<ShownFigure> {
        let headline = self.headline()?;
        let figures = headline.value_added.figures.as_ref()?;
        Some(ShownFigure::of(headline.value_added.n, figures))
    }
}

/// The schools of an organisation as its leader sees them.
#[derive(Debug)]
pub struct SchoolsCompared {
    pub org: OrgSummary,
    /// The year shown: the newest with final results at any of the schools.
    pub year: Option<Choice>,
    /// The phases of the schools in view (before the filter), for choosing one.
    pub phases: Vec<String>,
    /// The FSM bands of the schools in view (before the filter), lowest first.
    pub bands: Vec<u8>,
    pub filter: SchoolFilter,
    /// The schools the filter keeps, by name.
    pub schools: Vec<ComparedSchool>,
    /// Schools in view before the filter.
    pub in_view: usize,
}

impl SchoolsCompared {
    /// Where support is most needed, lowest headline value added first.
    pub fn support_needed(&self) -> Vec<&ComparedSchool> {
        let mut found: Vec<&ComparedSchool> = self
            .schools
            .iter()
            .filter(|s| s.support.is_some())
            .collect();
        found.sort_by(|a, b| estimate_of(a).total_cmp(&estimate_of(b)));
        found
    }

    /// The schools with a shown headline figure, grouped by measure, each group ordered by
    /// estimate (lowest first) — the caterpillar plot's rows.
    pub fn by_estimate(&self) -> Vec<(MeasureKey, Vec<&ComparedSchool>)> {
        let mut groups: Vec<(MeasureKey, Vec<&ComparedSchool>)> = Vec::new();
        for school in &self.schools {
            let (Some(measure), Some(_)) = (school.measure(), school.shown_figure()) else {
                continue;
            };
            match groups.iter_mut().find(|(m, _)| *m == measure) {
                Some((_, schools)) => schools.push(school),
                None => groups.push((measure, vec![school])),
            }
        }
        groups.sort_by(|a, b| a.0.cmp(&b.0));
        for (_, schools) in &mut groups {
            schools.sort_by(|a, b| estimate_of(a).total_cmp(&estimate_of(b)));
        }
        groups
    }
}

fn estimate_of(school: &ComparedSchool) -> f64 {
    school
        .shown_figure()
        .map_or(f64::INFINITY, |f| f.value_added)
}

/// The many-schools use case over a store, the progress use cases and their caches.
#[derive(Clone, Copy)]
pub struct SystemView<'a> {
    store: &'a Store,
    overviews: SchoolOverviews<'a>,
    progress: ProgressReports<'a>,
    cache: &'a SystemCache,
    cuts: FsmBandCuts,
}

impl<'a> SystemView<'a> {
    pub fn new(
        store: &'a Store,
        overviews: SchoolOverviews<'a>,
        progress: ProgressReports<'a>,
        cache: &'a SystemCache,
        cuts: FsmBandCuts,
    ) -> SystemView<'a> {
        SystemView {
            store,
            overviews,
            progress,
            cache,
            cuts,
        }
    }

    /// The schools under `org` side by side, as `viewer` may see them, kept by `filter`.
    pub async fn schools_compared(
        &self,
        viewer: &Principal,
        org: OrgId,
        filter: SchoolFilter,
    ) -> Result<SchoolsCompared, ProgressError> {
        viewer.may(&Action::CompareSchools(org))?;
        let summary = self
            .store
            .roster()
            .org(org)
            .await?
            .ok_or(ProgressError::NotFound)?;
        let version = self.store.data_version().await?;
        let today = time::OffsetDateTime::from_unix_timestamp(self.store.now())
            .map_err(|e| headway_store::StoreError::Internal(e.to_string()))?
            .date();
        let in_reach: Vec<SchoolSummary> = self
            .store
            .roster()
            .schools_under(org)
            .await?
            .into_iter()
            .filter(|s| {
                viewer
                    .may(&Action::ViewSchoolFigures(SchoolId(s.id)))
                    .is_ok()
            })
            .collect();

        // The year shown: the newest year with final results at any school in view.
        let mut latest = Vec::with_capacity(in_reach.len());
        for school in &in_reach {
            let found = self
                .overviews
                .overview(viewer, SchoolId(school.id), None)
                .await?;
            latest.push(found);
        }
        let order = self.store.progress().academic_years().await?;
        let rank = |year: &Choice| order.iter().position(|y| y.id == year.id);
        let year: Option<Choice> = latest
            .iter()
            .filter_map(|o| o.year.clone())
            .max_by_key(|y| rank(y));

        let mut schools = Vec::with_capacity(in_reach.len());
        for (school, found) in in_reach.into_iter().zip(latest) {
            let id = SchoolId(school.id);
            let figures = match (&year, &found.year) {
                (Some(wanted), Some(own)) if own.id == wanted.id => found.figures,
                (Some(wanted), _) if found.years.iter().any(|y| y.id == wanted.id) => {
                    self.overviews
                        .overview(viewer, id, Some(wanted.id))
                        .await?
                        .figures
                }
                _ => None,
            };
            let improvement = *self
                .cache
                .improvement
                .get_or_compute(version, school.id, || {
                    self.progress.school_improvement_group(version, id)
                })
                .await?;
            let plan = if viewer.may(&Action::ViewPlan(id)).is_ok() {
                self.store
                    .planning()
                    .summaries(&[id])
                    .await?
                    .into_iter()
                    .next()
            } else {
                None
            };
            let support = needs_support(
                figures
                    .as_deref()
                    .and_then(|f| f.headline())
                    .and_then(|h| h.progress.value_added.figures.as_ref()),
                improvement,
                figures.as_deref().and_then(|f| f.direction),
            );
            schools.push(ComparedSchool {
                fsm_band: self.cuts.band(school.fsm_share),
                head_years_in_post: school
                    .head_started_on
                    .map(|d| ((today - d).whole_days() / 365).max(0)),
                summary: school,
                figures,
                improvement,
                plan,
                similar: None,
                support,
            });
        }
        compare_similar_schools(&mut schools);

        let mut phases: Vec<String> = schools.iter().map(|s| s.summary.phase.clone()).collect();
        phases.sort();
        phases.dedup();
        let mut bands: Vec<u8> = schools.iter().map(|s| s.fsm_band.number()).collect();
        bands.sort_unstable();
        bands.dedup();
        let in_view = schools.len();
        schools.retain(|s| filter.keeps(s));
        Ok(SchoolsCompared {
            org: summary,
            year,
            phases,
            bands,
            filter,
            schools,
            in_view,
        })
    }
}

/// Each school beside the other schools of its FSM band on the same measure, among all
/// the schools in view (before any filter, so a filter does not change the comparison).
fn compare_similar_schools(schools: &mut [ComparedSchool]) {
    let keys: Vec<Option<(FsmBand, MeasureKey, ShownFigure)>> = schools
        .iter()
        .map(|s| Some((s.fsm_band, s.measure()?, s.shown_figure()?)))
        .collect();
    for (index, school) in schools.iter_mut().enumerate() {
        let Some((band, measure, own)) = &keys[index] else {
            continue;
        };
        let others: Vec<ShownFigure> = keys
            .iter()
            .enumerate()
            .filter(|(other, _)| *other != index)
            .filter_map(|(_, key)| key.as_ref())
            .filter(|(b, m, _)| b == band && m == measure)
            .map(|(_, _, figure)| *figure)
            .collect();
        school.similar = compare_with_similar(*own, &others);
    }
}
