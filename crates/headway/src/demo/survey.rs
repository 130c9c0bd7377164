//! The demo's surveys at Cwmderwen High School (the demo head's school): a staff climate
//! survey a year ago and now, a pupil survey in the same two waves, and a parent survey
//! this year (docs/surveys.md; docs/demo-data.md).
//!
//! The story the results tell, beside the 360: staff see a more orderly school and more
//! trust than a year ago (the new head's early work), collective responsibility about
//! the same, and workload still heavy. Pupils' sense of behaviour has improved; their
//! well-being and belonging have hardly moved. Parents find their children safe and
//! happy and are less sure the school works with them. The school's few senior leaders
//! are too few to show on their own, so the staff results merge them with the middle
//! leaders.
//!
//! Everything goes through the store's ordinary API (staff links, class codes with a
//! slip per pupil, the parents' code, answers), so the seeded surveys are stored exactly
//! as real ones; only the earlier waves' dates are set back a year.

use anyhow::Context;
use headway_domain::anonymity::Threshold;
use headway_domain::diagnostic::round::RespondentGroup;
use headway_domain::ids::SchoolId;
use headway_domain::survey::answers::SurveyAnswers;
use headway_domain::survey::instrument::{Audience, SurveyInstrument, built_in};
use headway_domain::survey::window::SurveyStatus;
use headway_store::Store;
use headway_store::seed::World;
use headway_store::survey::{NewSurvey, SurveyId};

use super::diagnostic::HEAD_EMAIL;

/// Every how-many-th member of staff does not answer.
const STAFF_NON_RESPONSE_EVERY: usize = 6;
/// The share of pupils who answer with their slip.
const PUPIL_RESPONSE_RATE: f64 = 0.8;
/// Parents answering the school's code.
const PARENTS_ANSWERING: usize = 46;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Wave {
    YearAgo,
    Now,
}

/// Where staff stand on each scale (1–5, higher better), in each wave.
fn staff_centre(scale: &str, wave: Wave) -> f64 {
    match (scale, wave) {
        ("orderly_environment", Wave::YearAgo) => 2.9,
        ("orderly_environment", Wave::Now) => 3.6,
        ("trust", Wave::YearAgo) => 3.0,
        ("trust", Wave::Now) => 3.5,
        ("collective_responsibility", _) => 3.4,
        ("workload", _) => 2.5,
        _ => 3.0,
    }
}

fn parent_centre(scale: &str) -> f64 {
    match scale {
        "safe_and_happy" => 4.1,
        "learning" => 3.7,
        "partnership" => 3.1,
        _ => 3.5,
    }
}

fn pupil_centre(scale: &str, wave: Wave) -> f64 {
    match (scale, wave) {
        ("behaviour_climate", Wave::YearAgo) => 2.8,
        ("behaviour_climate", Wave::Now) => 3.3,
        ("well_being", _) => 3.4,
        ("engagement", _) => 3.2,
        ("belonging", _) => 3.5,
        _ => 3.0,
    }
}

/// A deterministic stream of numbers in [0, 1) (SplitMix64), so a seed gives one demo.
struct Jitter(u64);

impl Jitter {
    fn next(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        (z >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Roughly normal, mean 0 and the given spread.
    fn noise(&mut self, sd: f64) -> f64 {
        (self.next() + self.next() + self.next() - 1.5) * 2.0 * sd
    }
}

/// One respondent's answers: a personal lean shared by every scale (so items of a scale
/// agree, and alpha is what real scales give), plus item noise; reverse-worded items are
/// answered the other way round, as people do. Every tenth leaves a scale out.
fn respond(
    survey: &SurveyInstrument,
    jitter: &mut Jitter,
    centre: impl Fn(&str) -> f64,
    comment: Option<&str>,
) -> anyhow::Result<SurveyAnswers> {
    let (min, max) = (f64::from(survey.scale.min), f64::from(survey.scale.max));
    let personal = jitter.noise(0.7);
    let skip = (jitter.next() < 0.1).then(|| (jitter.next() * survey.scales.len() as f64) as usize);
    let mut ratings = Vec::new();
    for (index, scale) in survey.scales.iter().enumerate() {
        if skip == Some(index) {
            continue;
        }
        let scale_lean = jitter.noise(0.35);
        for item in &scale.items {
            let felt = (centre(&scale.id.0) + personal + scale_lean + jitter.noise(0.55))
                .round()
                .clamp(min, max);
            let answer = if item.reverse { max + min - felt } else { felt };
            ratings.push((item.id.clone(), answer as u8));
        }
    }
    Ok(SurveyAnswers::new(survey, ratings, comment)?)
}

const STAFF_COMMENTS: [&str; 4] = [
    "Behaviour at lunchtime is much better than last year.",
    "Marking policy still takes most of my weekend.",
    "Mrs Jenkins in the office is always helpful.",
    "More time to plan together in departments, please.",
];

const PARENT_COMMENTS: [&str; 4] = [
    "We would like to hear about homework before the night it is due.",
    "Mr Hughes in maths has given our son real confidence.",
    "Parents' evening appointments were too short.",
    "My daughter feels safe and looked after.",
];

const PUPIL_COMMENTS: [&str; 4] = [
    "More clubs after school.",
    "The toilets need fixing.",
    "Lessons are calmer now.",
    "Let us choose more of our projects.",
];

/// Seeds the staff and pupil surveys' two waves and this year's parent survey; does
/// nothing if the demo head is not in the world.
pub async fn seed(store: &Store, world: &World, seed: u64) -> anyhow::Result<()> {
    let Some(head) = world
        .people
        .iter()
        .find(|p| p.email.as_deref() == Some(HEAD_EMAIL))
    else {
        return Ok(());
    };
    let Some(school) = world
        .roles
        .iter()
        .find(|r| r.person_id == head.id && r.role == "head")
        .map(|r| SchoolId(r.org_id))
    else {
        return Ok(());
    };
    let mut jitter = Jitter(seed ^ 0x5_0C1A1);
    let mut earlier = Vec::new();
    for (wave, title) in [
        (Wave::YearAgo, "Last year · Y llynedd"),
        (Wave::Now, "This year · Eleni"),
    ] {
        let staff = staff_wave(store, school, wave, title, &mut jitter).await?;
        let pupils = pupil_wave(store, school, wave, title, &mut jitter).await?;
        if wave == Wave::YearAgo {
            earlier.extend([staff, pupils]);
        }
    }
    parent_survey(store, school, "This year · Eleni", &mut jitter).await?;
    const DAY: i64 = 86_400;
    let now = store.now();
    let mut tx = store.begin().await?;
    for survey in earlier {
        store
            .surveys()
            .set_dates(&mut tx, survey, now - 365 * DAY, now - 344 * DAY)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}

async fn open(
    store: &Store,
    school: SchoolId,
    audience: Audience,
    title: &str,
) -> anyhow::Result<SurveyId> {
    let mut tx = store.begin().await?;
    let id = store
        .surveys()
        .open_survey(
            &mut tx,
            &NewSurvey {
                school,
                audience,
                instrument: built_in(audience).key.clone(),
                title: title.to_owned(),
                threshold: Threshold::DEFAULT,
                review_by_head: false,
                closes_on: None,
            },
        )
        .await
        .context("opening a demo survey")?;
    tx.commit().await?;
    Ok(id)
}

async fn answer(
    store: &Store,
    entry: &headway_store::survey::Entry,
    answers: &SurveyAnswers,
) -> anyhow::Result<()> {
    let mut tx = store.begin().await?;
    store
        .surveys()
        .submit(&mut tx, entry, answers)
        .await?
        .map_err(|why| anyhow::anyhow!("a demo answer was refused: {why:?}"))?;
    tx.commit().await?;
    Ok(())
}

async fn close(store: &Store, survey: SurveyId) -> anyhow::Result<()> {
    let mut tx = store.begin().await?;
    store
        .surveys()
        .close(&mut tx, survey, SurveyStatus::Released)
        .await?;
    tx.commit().await?;
    Ok(())
}

async fn staff_wave(
    store: &Store,
    school: SchoolId,
    wave: Wave,
    title: &str,
    jitter: &mut Jitter,
) -> anyhow::Result<SurveyId> {
    let survey = open(store, school, Audience::Staff, title).await?;
    let staff: Vec<_> = store
        .surveys()
        .staff_roster(school)
        .await?
        .into_iter()
        .filter_map(|(person, name, email, role)| {
            RespondentGroup::of_role(role).map(|g| (person, name, email, g.as_str().to_owned()))
        })
        .collect();
    let mut tx = store.begin().await?;
    let links = store
        .surveys()
        .issue_staff_links(&mut tx, survey, &staff)
        .await?;
    tx.commit().await?;
    let instrument = built_in(Audience::Staff);
    for (n, link) in links.iter().enumerate() {
        if n % STAFF_NON_RESPONSE_EVERY == STAFF_NON_RESPONSE_EVERY - 1 {
            continue;
        }
        let entry = store
            .surveys()
            .by_token(&link.token)
            .await?
            .map_err(|why| anyhow::anyhow!("a demo link was refused: {why:?}"))?;
        let comment = (n % 5 == 0).then(|| STAFF_COMMENTS[(n / 5) % STAFF_COMMENTS.len()]);
        let answers = respond(instrument, jitter, |s| staff_centre(s, wave), comment)?;
        answer(store, &entry, &answers).await?;
    }
    close(store, survey).await?;
    Ok(survey)
}

async fn pupil_wave(
    store: &Store,
    school: SchoolId,
    wave: Wave,
    title: &str,
    jitter: &mut Jitter,
) -> anyhow::Result<SurveyId> {
    let survey = open(store, school, Audience::Pupils, title).await?;
    let summary = store
        .surveys()
        .survey(survey)
        .await?
        .context("the demo survey was just opened")?;
    let mut tx = store.begin().await?;
    let codes = store.surveys().class_codes(&mut tx, &summary).await?;
    tx.commit().await?;
    let instrument = built_in(Audience::Pupils);
    for (n, class) in codes.iter().enumerate() {
        let slips = store.surveys().slips(survey, class.class_id).await?;
        for (pupil, slip) in slips.iter().enumerate() {
            if jitter.next() >= PUPIL_RESPONSE_RATE {
                continue;
            }
            let entry = store
                .surveys()
                .by_slip(&class.code, &slip.code)
                .await?
                .map_err(|why| anyhow::anyhow!("a demo slip was refused: {why:?}"))?;
            let comment = (pupil == 0).then(|| PUPIL_COMMENTS[n % PUPIL_COMMENTS.len()]);
            let answers = respond(instrument, jitter, |s| pupil_centre(s, wave), comment)?;
            answer(store, &entry, &answers).await?;
        }
    }
    close(store, survey).await?;
    Ok(survey)
}

/// This year's parent survey: parents answer the school's one code, as they would from
/// the letter home; closed, and released to leaders.
async fn parent_survey(
    store: &Store,
    school: SchoolId,
    title: &str,
    jitter: &mut Jitter,
) -> anyhow::Result<SurveyId> {
    let survey = open(store, school, Audience::Parents, title).await?;
    let mut tx = store.begin().await?;
    let code = store.surveys().school_code(&mut tx, survey).await?;
    tx.commit().await?;
    let entry = store
        .surveys()
        .by_code(&code)
        .await?
        .map_err(|why| anyhow::anyhow!("the demo parents' code was refused: {why:?}"))?;
    let instrument = built_in(Audience::Parents);
    for n in 0..PARENTS_ANSWERING {
        let comment = (n % 9 == 0).then(|| PARENT_COMMENTS[(n / 9) % PARENT_COMMENTS.len()]);
        let answers = respond(instrument, jitter, parent_centre, comment)?;
        answer(store, &entry, &answers).await?;
    }
    close(store, survey).await?;
    Ok(survey)
}
