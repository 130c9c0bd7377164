//! The staff advice network: a head or senior leader opens a round of the question "who do
//! you go to for advice about …?"; each member of staff answers against the school's
//! roster, after reading who will see the answers; the head and senior leaders read each
//! topic's network (ANALYTICS.md §7): its structure, with names for the head alone when
//! the school's setting gave them as the round opened. Each use case asks the policy first and writes in one
//! transaction with its audit line. The audit line never says who named whom.

use headway_domain::access::{Action, Denied, Principal};
use headway_domain::anonymity::Threshold;
use headway_domain::ids::{PersonId, SchoolId};
use headway_domain::network::{
    StaffMember, Structure, Topic, TopicReport, is_staff_role, topic_report,
};
use headway_domain::roles::Role;
use headway_store::network::{AdviceRound, AdviceRoundId, Nomination, StaffRole};
use headway_store::{Store, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum NetworkError {
    #[error("forbidden: {0}")]
    Denied(#[from] Denied),
    /// No such round, or one of another school: the two look the same.
    #[error("not found")]
    NotFound,
    /// The school has no open round to answer.
    #[error("there is no open round of the advice question")]
    NoOpenRound,
    /// A nomination of someone who is not on the school's staff, or of oneself.
    #[error("a nomination names someone who cannot be named")]
    NotOnRoster,
    /// Nobody named and "nobody" not ticked: nothing to count.
    #[error("nothing was answered")]
    Empty,
    #[error("the network could not be built: {0}")]
    Measures(#[from] headway_stats::network::NetworkError),
    #[error("store: {0}")]
    Store(#[from] StoreError),
}

pub type Result<T> = std::result::Result<T, NetworkError>;

/// How high a role ranks when a person holds several in the school: the one they are seen
/// by in the network.
fn rank(role: Role) -> u8 {
    match role {
        Role::Head => 0,
        Role::SeniorLeader => 1,
        Role::MiddleLeader => 2,
        Role::DataManager => 3,
        Role::Teacher => 4,
        Role::SupportStaff => 5,
        _ => 9,
    }
}

/// The school's staff, each once with their highest role and its department (or the
/// department of any other role they hold), in name order.
pub fn staff_of(roles: &[StaffRole]) -> Vec<StaffMember> {
    let mut staff: Vec<StaffMember> = Vec::new();
    for row in roles {
        let Ok(role) = row.role.parse::<Role>() else {
            continue;
        };
        if !is_staff_role(role) {
            continue;
        }
        match staff.iter_mut().find(|s| s.person.0 == row.person_id) {
            Some(member) => {
                if rank(role) < rank(member.role) {
                    member.role = role;
                    if row.department.is_some() {
                        member.department = row.department.clone();
                    }
                } else if member.department.is_none() {
                    member.department = row.department.clone();
                }
            }
            None => staff.push(StaffMember {
                person: PersonId(row.person_id),
                name: row.display_name.clone(),
                role,
                department: row.department.clone(),
            }),
        }
    }
    staff
}

async fn staff(store: &Store, school: SchoolId) -> Result<Vec<StaffMember>> {
    Ok(staff_of(&store.advice_network().roles_in(school).await?))
}

async fn open_round_of(store: &Store, school: SchoolId) -> Result<Option<AdviceRound>> {
    Ok(store
        .advice_network()
        .rounds(school)
        .await?
        .into_iter()
        .find(AdviceRound::is_open))
}

/// What a member of staff sees before answering: the open round (if any), the colleagues
/// they may name (everyone on the staff but themselves) and what they said before.
#[derive(Debug, Clone)]
pub struct Question {
    pub round: Option<AdviceRound>,
    pub colleagues: Vec<StaffMember>,
    pub answered: bool,
    pub named: Vec<(Topic, PersonId)>,
    /// Whether this viewer also leads the network (opens rounds, reads results).
    pub leads: bool,
    /// Whether the head reads names: what the open round was opened with, or, with no
    /// round open, what the next round will be opened with. The notice says which.
    pub names_to_head: bool,
}

pub async fn question(store: &Store, viewer: &Principal, school: SchoolId) -> Result<Question> {
    viewer.may(&Action::AnswerAdviceNetwork(school))?;
    let round = open_round_of(store, school).await?;
    let colleagues: Vec<StaffMember> = staff(store, school)
        .await?
        .into_iter()
        .filter(|s| s.person != viewer.person)
        .collect();
    let (answered, named) = match &round {
        Some(round) => {
            let id = AdviceRoundId(round.id);
            let view = store.advice_network();
            let answered = view.respondents(id).await?.contains(&viewer.person);
            let named = view
                .nominations_by(id, viewer.person)
                .await?
                .into_iter()
                .map(|n| (n.topic, n.target))
                .collect();
            (answered, named)
        }
        None => (false, Vec::new()),
    };
    let names_to_head = match &round {
        Some(round) => round.names_to_head,
        None => store.advice_network().names_to_head(school).await?,
    };
    Ok(Question {
        round,
        colleagues,
        answered,
        named,
        leads: viewer.may(&Action::LeadAdviceNetwork(school)).is_ok(),
        names_to_head,
    })
}

/// An answer: the colleagues named on each topic, or an explicit "nobody".
#[derive(Debug, Clone, Default)]
pub struct Answer {
    pub named: Vec<(Topic, PersonId)>,
    pub nobody: bool,
}

/// Saves the viewer's answer to the school's open round, replacing any earlier one. An
/// answer naming nobody counts only when "nobody" was said; everyone named must be on the
/// school's staff and not the viewer.
pub async fn answer(
    store: &Store,
    viewer: &Principal,
    school: SchoolId,
    answer: &Answer,
) -> Result<()> {
    viewer.may(&Action::AnswerAdviceNetwork(school))?;
    let round = open_round_of(store, school)
        .await?
        .ok_or(NetworkError::NoOpenRound)?;
    if answer.named.is_empty() && !answer.nobody {
        return Err(NetworkError::Empty);
    }
    let staff = staff(store, school).await?;
    let on_roster =
        |person: PersonId| person != viewer.person && staff.iter().any(|s| s.person == person);
    if !answer.named.iter().all(|(_, person)| on_roster(*person)) {
        return Err(NetworkError::NotOnRoster);
    }
    let mut tx = store.begin().await?;
    store
        .advice_network()
        .save_answer(
            &mut tx,
            AdviceRoundId(round.id),
            viewer.person,
            &answer.named,
        )
        .await?;
    store
        .audit_log()
        .record(
            &mut tx,
            Some(viewer.person),
            "advice_network.answer",
            &format!("round {}", round.id),
        )
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Opens a round in the school (or returns the one already open), with its audit line.
pub async fn open_round(
    store: &Store,
    viewer: &Principal,
    school: SchoolId,
) -> Result<AdviceRoundId> {
    viewer.may(&Action::LeadAdviceNetwork(school))?;
    if let Some(open) = open_round_of(store, school).await? {
        return Ok(AdviceRoundId(open.id));
    }
    let names_to_head = store.advice_network().names_to_head(school).await?;
    let mut tx = store.begin().await?;
    let id = store
        .advice_network()
        .open_round(&mut tx, school, viewer.person, names_to_head)
        .await?;
    store
        .audit_log()
        .record(
            &mut tx,
            Some(viewer.person),
            "advice_network.open_round",
            &format!("round {} in school {}", id.0, school.0),
        )
        .await?;
    tx.commit().await?;
    Ok(id)
}

/// A round of the school, or not found (another school's round looks like none).
async fn round_in(store: &Store, school: SchoolId, round: AdviceRoundId) -> Result<AdviceRound> {
    store
        .advice_network()
        .round(round)
        .await?
        .filter(|r| r.school_id == school.0)
        .ok_or(NetworkError::NotFound)
}

/// Closes a round of the school, with its audit line; closing a closed round does nothing.
pub async fn close_round(
    store: &Store,
    viewer: &Principal,
    school: SchoolId,
    round: AdviceRoundId,
) -> Result<()> {
    viewer.may(&Action::LeadAdviceNetwork(school))?;
    let round = round_in(store, school, round).await?;
    let mut tx = store.begin().await?;
    if store
        .advice_network()
        .close_round(&mut tx, AdviceRoundId(round.id))
        .await?
    {
        store
            .audit_log()
            .record(
                &mut tx,
                Some(viewer.person),
                "advice_network.close_round",
                &format!("round {}", round.id),
            )
            .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Sets whether the head reads names in rounds opened from now on: the head, audited.
/// The round already open keeps what its notice told staff.
pub async fn set_names_to_head(
    store: &Store,
    viewer: &Principal,
    school: SchoolId,
    names_to_head: bool,
) -> Result<()> {
    viewer.may(&Action::SetAdviceNetworkNames(school))?;
    let mut tx = store.begin().await?;
    store
        .advice_network()
        .set_names_to_head(&mut tx, school, names_to_head, viewer.person)
        .await?;
    store
        .audit_log()
        .record(
            &mut tx,
            Some(viewer.person),
            "advice_network.names_to_head",
            &format!(
                "school {}: {}",
                school.0,
                if names_to_head { "on" } else { "off" }
            ),
        )
        .await?;
    tx.commit().await?;
    Ok(())
}

/// The fewest people a label in the network without names may point at.
pub const STRUCTURE_THRESHOLD: Threshold = Threshold::DEFAULT;

/// A round's results: every topic's network over the school's current staff, with names
/// (the head, when the setting gives them) or as its structure (everyone else).
#[derive(Debug, Clone)]
pub struct Results {
    pub rounds: Vec<AdviceRound>,
    /// The round shown (`None` when the school has none).
    pub round: Option<AdviceRound>,
    pub staff: usize,
    pub respondents: usize,
    /// Each topic with names: empty unless the viewer reads names.
    pub topics: Vec<TopicReport>,
    /// Each topic without names: empty when the viewer reads names.
    pub structures: Vec<Structure>,
    /// The school's setting now (for rounds opened from now on).
    pub names_setting: bool,
    /// Whether the viewer may change it (the head).
    pub may_set_names: bool,
}

impl Results {
    pub fn topic(&self, topic: Topic) -> Option<&TopicReport> {
        self.topics.iter().find(|t| t.topic == topic)
    }

    pub fn structure(&self, topic: Topic) -> Option<&Structure> {
        self.structures.iter().find(|t| t.topic == topic)
    }

    /// Whether this view carries names.
    pub fn named(&self) -> bool {
        !self.topics.is_empty()
    }
}

/// The results of `round` (or the school's latest), for its head or a senior leader.
pub async fn results(
    store: &Store,
    viewer: &Principal,
    school: SchoolId,
    round: Option<AdviceRoundId>,
) -> Result<Results> {
    viewer.may(&Action::LeadAdviceNetwork(school))?;
    let rounds = store.advice_network().rounds(school).await?;
    let names_setting = store.advice_network().names_to_head(school).await?;
    let may_set_names = viewer.may(&Action::SetAdviceNetworkNames(school)).is_ok();
    let chosen = match round {
        Some(id) => Some(round_in(store, school, id).await?),
        None => rounds.first().cloned(),
    };
    let Some(chosen) = chosen else {
        return Ok(Results {
            rounds,
            round: None,
            staff: 0,
            respondents: 0,
            topics: Vec::new(),
            structures: Vec::new(),
            names_setting,
            may_set_names,
        });
    };
    // Names only when the round promised them and the setting still gives them.
    let names = viewer
        .may(&Action::ReadAdviceNetworkNames {
            school,
            names_to_head: chosen.names_to_head && names_setting,
        })
        .is_ok();
    let staff = staff(store, school).await?;
    let view = store.advice_network();
    let id = AdviceRoundId(chosen.id);
    let respondents: Vec<PersonId> = view
        .respondents(id)
        .await?
        .into_iter()
        .filter(|p| staff.iter().any(|s| s.person == *p))
        .collect();
    let nominations = view.nominations(id).await?;
    let mut topics = Vec::new();
    for topic in Topic::ALL {
        let ties: Vec<(PersonId, PersonId)> = nominations
            .iter()
            .filter(|n: &&Nomination| n.topic == topic)
            .map(|n| (n.source, n.target))
            .collect();
        topics.push(topic_report(topic, &staff, &respondents, &ties)?);
    }
    let structures = if names {
        Vec::new()
    } else {
        std::mem::take(&mut topics)
            .iter()
            .map(|report| report.without_names(STRUCTURE_THRESHOLD, chosen.id as u64))
            .collect()
    };
    Ok(Results {
        rounds,
        round: Some(chosen),
        staff: staff.len(),
        respondents: respondents.len(),
        topics,
        structures,
        names_setting,
        may_set_names,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn role(id: i64, role: &str, department: Option<&str>) -> StaffRole {
        StaffRole {
            person_id: id,
            display_name: format!("P{id}"),
            role: role.into(),
            department: department.map(str::to_owned),
        }
    }

    #[test]
    fn each_member_of_staff_appears_once_by_their_highest_role_and_governors_not_at_all() {
        let staff = staff_of(&[
            role(1, "teacher", Some("Science")),
            role(1, "middle_leader", None),
            role(2, "governor", None),
            role(3, "support_staff", None),
            role(3, "teacher", Some("English")),
        ]);
        assert_eq!(staff.len(), 2);
        assert_eq!(staff[0].role, Role::MiddleLeader);
        assert_eq!(staff[0].department.as_deref(), Some("Science"));
        assert_eq!(staff[1].role, Role::Teacher);
        assert_eq!(staff[1].department.as_deref(), Some("English"));
    }
}
