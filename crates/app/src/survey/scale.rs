//! One survey scale read where other capabilities show it (issue 17, item 8): a plan's
//! measure, the 360 report beside dimension 5, the progress page's broad success. Always
//! the whole school's figure on the scale as the survey's own results page shows it — the
//! latest **released** wave, its mean with its 95% interval and the respondents with a
//! score, suppressed under the survey's k by the same rule (`store.surveys().results`
//! decides it with `domain::anonymity`) — and never a breakdown.
//!
//! These functions ask no policy of their own: each caller asks its page's (the whole
//! school's scales are the least a reader of survey results reads; governors read them).

use headway_domain::access::{Action, Principal};
use headway_domain::anonymity::Threshold;
use headway_domain::ids::SchoolId;
use headway_domain::survey::instrument::ScaleId;
use headway_store::Store;
use headway_store::survey::SurveySummary;

use super::{Result, breakdown_order, instrument_of};

/// A scale's whole-school figure in one released wave.
#[derive(Debug, Clone)]
pub struct ScaleReading {
    pub survey: SurveySummary,
    pub threshold: Threshold,
    /// Respondents with a score on the scale (shown even when the figure is not: the
    /// count alone gives no answer away).
    pub respondents: u32,
    /// `(mean, lower, upper)` on the survey's rating scale, when it may be shown.
    pub mean: Option<(f64, f64, f64)>,
}

impl ScaleReading {
    /// The day the wave's window closed (or opened, if it has no closing time).
    pub fn date(&self) -> i64 {
        self.survey.closed_at.unwrap_or(self.survey.opened_at)
    }
}

/// The school's latest released wave of `instrument` whose window closed within
/// `[from, to)` (unix seconds; any time when `None`), read on `scale`. `None` when there
/// is no such wave or the instrument has no such scale.
pub async fn released_scale(
    store: &Store,
    school: SchoolId,
    instrument: &str,
    scale: &str,
    within: Option<(i64, i64)>,
) -> Result<Option<ScaleReading>> {
    let waves = store.surveys().surveys_of(school).await?;
    let wave = waves
        .into_iter()
        .filter(|s| s.instrument.id == instrument && s.status.is_released())
        .filter(|s| {
            let at = s.closed_at.unwrap_or(s.opened_at);
            within.is_none_or(|(from, to)| from <= at && at < to)
        })
        .max_by_key(|s| (s.closed_at.unwrap_or(s.opened_at), s.id.0));
    let Some(wave) = wave else {
        return Ok(None);
    };
    let survey_instrument = instrument_of(&wave)?;
    let scale_id = ScaleId(scale.to_owned());
    if !survey_instrument.scales.iter().any(|s| s.id == scale_id) {
        return Ok(None);
    }
    let Some(results) = store
        .surveys()
        .results(
            &wave,
            survey_instrument,
            &breakdown_order(wave.audience),
            &[],
        )
        .await?
    else {
        return Ok(None);
    };
    let cell = results.whole.iter().find(|c| c.scale == scale_id);
    let respondents = cell
        .and_then(|c| c.figures.as_ref())
        .map_or(0, |f| f.respondents);
    let mean = cell
        .filter(|c| c.visibility.is_shown())
        .and_then(|c| c.figures.as_ref())
        .and_then(|f| f.mean.as_ref())
        .map(|m| (m.mean, m.low, m.high));
    Ok(Some(ScaleReading {
        threshold: results.threshold,
        survey: wave,
        respondents,
        mean,
    }))
}

/// An academic year as the window `[first day, day after the last)` in unix seconds.
pub async fn year_window(store: &Store, year: i64) -> Result<Option<(i64, i64)>> {
    let Some((starts_on, ends_on)) = store.surveys().year_span(year).await? else {
        return Ok(None);
    };
    let day = |iso: &str| {
        time::Date::parse(
            iso.get(..10).unwrap_or(iso),
            &time::format_description::well_known::Iso8601::DATE,
        )
        .ok()
        .map(|d| d.midnight().assume_utc().unix_timestamp())
    };
    Ok(day(&starts_on)
        .zip(day(&ends_on))
        .map(|(from, to)| (from, to + 86_400)))
}

/// The pupil survey scale the progress page shows as part of broad success (instrument
/// id, scale id).
pub const WELL_BEING_SCALE: (&str, &str) = ("pupil-voice", "well_being");

/// Pupils' well-being for the progress page: the school's latest released pupil survey
/// on its well-being scale, for a viewer who reads the school's survey results (leaders
/// and governors); `None` for anyone else, or when no wave has been released.
pub async fn pupil_well_being(
    store: &Store,
    viewer: &Principal,
    school: SchoolId,
) -> Result<Option<ScaleReading>> {
    if viewer.may(&Action::ViewSurveyResults(school)).is_err() {
        return Ok(None);
    }
    released_scale(store, school, WELL_BEING_SCALE.0, WELL_BEING_SCALE.1, None).await
}
