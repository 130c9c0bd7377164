//! The demo's leadership 360: a completed round for the head of Cwmderwen High School, the
//! cluster school that is weak in mathematics, with a head two years in post and many
//! pupils on free school meals (docs/demo-data.md, "The leadership 360").
//!
//! The story the report tells: staff see clear goals and a calm, orderly school (what a
//! new head does first), but little leadership of teachers' professional learning or of
//! the curriculum and teaching — where the head rates themself far higher. The focus
//! suggestions therefore lead with teacher learning and with teaching and the curriculum,
//! which is where the school's weak mathematics results point too.
//!
//! A year earlier, in the head's first year, a first round saw goals and the environment
//! less clearly (they have risen since, as the head's early work took hold) and teacher
//! learning just as weak, so the comparison shows what changed and what did not.
//!
//! Everything goes through the store's ordinary API (a round, in-app invitations, answers),
//! so the seeded rounds are stored exactly as real ones would be; only the first round's
//! dates are set back a year.

use anyhow::Context;
use headway_domain::anonymity::Threshold;
use headway_domain::diagnostic::Dimension;
use headway_domain::diagnostic::answers::{Answer, AnswerSheet};
use headway_domain::diagnostic::instrument::{Instrument, built_in};
use headway_domain::diagnostic::round::{Channel, RespondentGroup};
use headway_domain::ids::{PersonId, SchoolId};
use headway_store::Store;
use headway_store::diagnostic::{NewRound, RoundId};
use headway_store::seed::World;

/// The demo head whose round is seeded.
pub const HEAD_EMAIL: &str = "head@demo.headway.school";

/// Every how-many-th invited person does not answer (people are busy).
const NON_RESPONSE_EVERY: usize = 7;

/// Which of the two rounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Round {
    /// A year ago, in the head's first year.
    First,
    /// This year, the one the report opens on.
    Latest,
}

/// How much lower staff rated each dimension in the first round: the goals and the
/// orderly environment a new head works on first have risen since; teacher learning and
/// teaching have hardly moved.
fn first_round_shortfall(dimension: Dimension) -> f64 {
    match dimension {
        Dimension::GoalsAndExpectations => 0.6,
        Dimension::OrderlyAndSupportiveEnvironment => 0.5,
        Dimension::StrategicResourcing => 0.2,
        Dimension::TeachingAndCurriculum => 0.1,
        Dimension::TeacherLearning => 0.0,
    }
}

/// How staff see the head on each dimension (mean rating on the 1–5 scale).
fn others_view(dimension: Dimension) -> f64 {
    match dimension {
        Dimension::GoalsAndExpectations => 4.1,
        Dimension::StrategicResourcing => 3.5,
        Dimension::TeachingAndCurriculum => 3.0,
        Dimension::TeacherLearning => 2.6,
        Dimension::OrderlyAndSupportiveEnvironment => 4.2,
    }
}

/// How the head sees themself: close to staff on goals and the environment, far above
/// them on teaching and the curriculum and on teacher learning (the blind spots).
fn self_view(dimension: Dimension) -> f64 {
    match dimension {
        Dimension::GoalsAndExpectations => 4.4,
        Dimension::StrategicResourcing => 3.7,
        Dimension::TeachingAndCurriculum => 4.1,
        Dimension::TeacherLearning => 4.3,
        Dimension::OrderlyAndSupportiveEnvironment => 3.9,
    }
}

/// Each group's lean: senior leaders see more of the head's work, governors less of
/// classrooms (and say "don't know" there more often).
fn group_lean(group: RespondentGroup, dimension: Dimension) -> f64 {
    match (group, dimension) {
        (RespondentGroup::SeniorLeaders, _) => 0.4,
        (RespondentGroup::MiddleLeaders, Dimension::TeachingAndCurriculum) => -0.3,
        (RespondentGroup::MiddleLeaders, _) => 0.1,
        (RespondentGroup::SupportStaff, _) => 0.2,
        (RespondentGroup::Governors, _) => 0.3,
        (RespondentGroup::Teachers, _) => 0.0,
    }
}

/// A small deterministic generator (SplitMix64), so the demo's answers are the same every
/// time without tying them to the generator crate's stream.
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

    /// Roughly normal, mean 0 and the given spread (the sum of three uniforms).
    fn noise(&mut self, sd: f64) -> f64 {
        (self.next() + self.next() + self.next() - 1.5) * 2.0 * sd
    }
}

fn sheet(
    instrument: &Instrument,
    jitter: &mut Jitter,
    centre: impl Fn(Dimension) -> f64,
    dont_know: impl Fn(Dimension) -> f64,
    item_noise: f64,
) -> anyhow::Result<AnswerSheet> {
    let (min, max) = (
        f64::from(instrument.scale.min),
        f64::from(instrument.scale.max),
    );
    let personal = jitter.noise(0.3);
    let answers = instrument.items().iter().map(|item| {
        let answer = if jitter.next() < dont_know(item.dimension) {
            Answer::DontKnow
        } else {
            let value = (centre(item.dimension) + personal + jitter.noise(item_noise))
                .round()
                .clamp(min, max);
            Answer::Rating(value as u8)
        };
        (item.id.clone(), answer)
    });
    Ok(AnswerSheet::new(instrument, answers)?)
}

/// Seeds the two completed rounds; does nothing if the demo head is not in the world.
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
    let mut jitter = Jitter(seed ^ 0x360);
    let first = seed_round(store, school, PersonId(head.id), Round::First, &mut jitter).await?;
    let latest = store
        .diagnostic()
        .round(seed_round(store, school, PersonId(head.id), Round::Latest, &mut jitter).await?)
        .await?
        .context("the demo round was just closed")?;
    const DAY: i64 = 86_400;
    let opened = latest.opened_at - 365 * DAY;
    let mut tx = store.begin().await?;
    store
        .diagnostic()
        .set_round_dates(&mut tx, first, opened, opened + 21 * DAY)
        .await?;
    tx.commit().await?;
    Ok(())
}

async fn seed_round(
    store: &Store,
    school: SchoolId,
    head: PersonId,
    which: Round,
    jitter: &mut Jitter,
) -> anyhow::Result<RoundId> {
    let instrument = built_in();
    let diagnostic = store.diagnostic();
    let mut tx = store.begin().await?;
    let round = diagnostic
        .open_round(
            &mut tx,
            &NewRound {
                school,
                leader: head,
                instrument: instrument.key.clone(),
                threshold: Threshold::DEFAULT,
                groups: RespondentGroup::ALL.to_vec(),
            },
        )
        .await
        .context("opening a demo 360 round")?;
    tx.commit().await?;
    let shortfall = |d: Dimension| match which {
        Round::First => first_round_shortfall(d),
        Round::Latest => 0.0,
    };
    let own = sheet(instrument, jitter, self_view, |_| 0.0, 0.35)?;
    let mut tx = store.begin().await?;
    diagnostic
        .save_self_rating(&mut tx, head, Some(round), instrument, &own)
        .await?;
    tx.commit().await?;
    let summary = diagnostic
        .round(round)
        .await?
        .context("the demo round was just opened")?;
    let staff = diagnostic.invitable_staff(&summary).await?;
    let invited: Vec<(PersonId, RespondentGroup)> =
        staff.iter().map(|s| (s.person, s.group)).collect();
    let in_app: Vec<(PersonId, RespondentGroup, Channel)> = invited
        .iter()
        .map(|(person, group)| (*person, *group, Channel::InApp))
        .collect();
    let mut tx = store.begin().await?;
    diagnostic.invite(&mut tx, round, &in_app).await?;
    tx.commit().await?;
    for (n, (person, group)) in invited.iter().enumerate() {
        if n % NON_RESPONSE_EVERY == NON_RESPONSE_EVERY - 1 {
            continue;
        }
        let group = *group;
        let answers = sheet(
            instrument,
            jitter,
            |d| others_view(d) + group_lean(group, d) - shortfall(d),
            |d| match (group, d) {
                (
                    RespondentGroup::Governors,
                    Dimension::TeacherLearning | Dimension::TeachingAndCurriculum,
                ) => 0.4,
                _ => 0.03,
            },
            0.6,
        )?;
        let invitation = diagnostic
            .pending_invitations(*person)
            .await?
            .into_iter()
            .find(|i| i.round == round)
            .context("a demo invitation")?;
        let mut tx = store.begin().await?;
        diagnostic
            .submit_response(&mut tx, invitation.id, &answers, instrument)
            .await?
            .map_err(|refused| anyhow::anyhow!("a demo answer was refused: {refused}"))?;
        tx.commit().await?;
    }
    let mut tx = store.begin().await?;
    diagnostic.close_round(&mut tx, round).await?;
    tx.commit().await?;
    Ok(round)
}
