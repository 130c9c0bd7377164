//! The staff advice network (PRODUCT.md capability 5; ANALYTICS.md §7): "who do you go to
//! for advice about …?", asked of the school's staff against its roster, one topic at a
//! time. Every member of staff is in each topic's network, answered or not; a tie is one
//! person naming another. The measures are `headway_stats::network`'s (networkx's
//! definitions); this module adds the school's reading of them: who holds a post, who is
//! sought out, who is sought out without a post (an informal leader), and the same figures
//! by role and by department.
//!
//! Who reads the results is fixed and told to everyone before they answer: the head and
//! the senior leaders of the school, with names; never governors; nobody else.

use crate::ids::PersonId;
use crate::roles::Role;
use headway_stats::network::{Network, NetworkError, NetworkMeasures};
use std::collections::{BTreeMap, HashMap};
use std::str::FromStr;

/// What advice is asked about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Topic {
    TeachingMathematics,
    Behaviour,
    CurriculumPlanning,
    UsingData,
    WellBeing,
}

impl Topic {
    pub const ALL: [Topic; 5] = [
        Topic::TeachingMathematics,
        Topic::Behaviour,
        Topic::CurriculumPlanning,
        Topic::UsingData,
        Topic::WellBeing,
    ];

    /// The name stored in the database and used in forms and addresses.
    pub fn as_str(self) -> &'static str {
        match self {
            Topic::TeachingMathematics => "teaching_mathematics",
            Topic::Behaviour => "behaviour",
            Topic::CurriculumPlanning => "curriculum_planning",
            Topic::UsingData => "using_data",
            Topic::WellBeing => "well_being",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown advice topic '{0}' (expected one of: teaching_mathematics, behaviour, curriculum_planning, using_data, well_being)"
)]
pub struct UnknownTopic(pub String);

impl FromStr for Topic {
    type Err = UnknownTopic;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Topic::ALL
            .into_iter()
            .find(|t| t.as_str() == s)
            .ok_or_else(|| UnknownTopic(s.to_owned()))
    }
}

/// The roles whose holders are in the network: the school's staff. Governors are not
/// staff; roles above the school are not in it.
pub fn is_staff_role(role: Role) -> bool {
    matches!(
        role,
        Role::Head
            | Role::SeniorLeader
            | Role::MiddleLeader
            | Role::Teacher
            | Role::SupportStaff
            | Role::DataManager
    )
}

/// A formal post: head, senior leader, middle leader, or data manager (a post whose job
/// is the school's data, so being asked about data is what the post is for).
pub fn is_post(role: Role) -> bool {
    matches!(
        role,
        Role::Head | Role::SeniorLeader | Role::MiddleLeader | Role::DataManager
    )
}

/// A member of staff as the network sees them: their highest role in the school and their
/// department (the subject their role is attached to), if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffMember {
    pub person: PersonId,
    pub name: String,
    pub role: Role,
    pub department: Option<String>,
}

impl StaffMember {
    pub fn holds_post(&self) -> bool {
        is_post(self.role)
    }
}

/// Someone is *sought out* on a topic when at least two colleagues name them and at least
/// twice as many as name the average member of staff (the mean in-degree, m/n). The rule
/// is deliberately plain so that a head can check it by counting.
pub fn is_sought_out(in_degree: usize, ties: usize, people: usize) -> bool {
    if people == 0 {
        return false;
    }
    let mean = ties as f64 / people as f64;
    in_degree >= 2 && in_degree as f64 >= 2.0 * mean
}

/// One person's place in a topic's network.
#[derive(Debug, Clone, PartialEq)]
pub struct PersonPosition {
    pub member: StaffMember,
    pub in_degree: usize,
    pub out_degree: usize,
    pub betweenness: f64,
    pub closeness: f64,
    pub isolate: bool,
    pub answered: bool,
    pub sought_out: bool,
}

impl PersonPosition {
    /// Sought out without holding a post.
    pub fn informal_leader(&self) -> bool {
        self.sought_out && !self.member.holds_post()
    }

    /// Holds a post but nobody goes to them on this topic.
    pub fn post_not_sought(&self) -> bool {
        self.member.holds_post() && self.in_degree == 0
    }
}

/// A group of staff (a role, a department) and how much they are sought out.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupPosition {
    /// The role's name (`Role::as_str`) or the department's name; `None` for staff with no
    /// department.
    pub label: Option<String>,
    pub people: usize,
    /// Nominations the group's members receive, in all.
    pub named: usize,
    pub mean_in_degree: f64,
    pub sought_out: usize,
}

/// One topic's network read for the school.
#[derive(Debug, Clone, PartialEq)]
pub struct TopicReport {
    pub topic: Topic,
    pub measures: NetworkMeasures,
    /// Staff in roster order, with their measures.
    pub people: Vec<PersonPosition>,
    pub by_role: Vec<GroupPosition>,
    pub by_department: Vec<GroupPosition>,
    /// The ties, as positions in `people` (for the picture).
    pub ties: Vec<(usize, usize)>,
}

impl TopicReport {
    pub fn informal_leaders(&self) -> impl Iterator<Item = &PersonPosition> {
        self.people.iter().filter(|p| p.informal_leader())
    }

    pub fn posts_not_sought(&self) -> impl Iterator<Item = &PersonPosition> {
        self.people.iter().filter(|p| p.post_not_sought())
    }
}

/// Reads one topic's nominations (`(who named, whom)`, both staff) against the roster.
/// Nominations naming someone not on the roster (who has since left) are left out.
pub fn topic_report(
    topic: Topic,
    staff: &[StaffMember],
    respondents: &[PersonId],
    nominations: &[(PersonId, PersonId)],
) -> Result<TopicReport, NetworkError> {
    let index: HashMap<PersonId, usize> = staff
        .iter()
        .enumerate()
        .map(|(i, s)| (s.person, i))
        .collect();
    let ties: Vec<(usize, usize)> = nominations
        .iter()
        .filter_map(|(from, to)| Some((*index.get(from)?, *index.get(to)?)))
        .filter(|(a, b)| a != b)
        .collect();
    let network = Network::new(staff.len(), &ties)?;
    let measures = network.measures();
    let people: Vec<PersonPosition> = staff
        .iter()
        .zip(&measures.people)
        .enumerate()
        .map(|(i, (member, m))| PersonPosition {
            member: member.clone(),
            in_degree: m.in_degree,
            out_degree: m.out_degree,
            betweenness: m.betweenness,
            closeness: m.closeness,
            isolate: measures.isolates.contains(&i),
            answered: respondents.contains(&member.person),
            sought_out: is_sought_out(m.in_degree, measures.ties, measures.people_count),
        })
        .collect();
    let by_role = groups(&people, |p| Some(p.member.role.as_str().to_owned()));
    let by_department = groups(&people, |p| p.member.department.clone());
    let mut distinct = ties.clone();
    distinct.sort_unstable();
    distinct.dedup();
    Ok(TopicReport {
        topic,
        measures,
        people,
        by_role,
        by_department,
        ties: distinct,
    })
}

fn groups(
    people: &[PersonPosition],
    label: impl Fn(&PersonPosition) -> Option<String>,
) -> Vec<GroupPosition> {
    let mut by: BTreeMap<Option<String>, Vec<&PersonPosition>> = BTreeMap::new();
    for person in people {
        by.entry(label(person)).or_default().push(person);
    }
    by.into_iter()
        .map(|(label, members)| {
            let named: usize = members.iter().map(|p| p.in_degree).sum();
            GroupPosition {
                label,
                people: members.len(),
                named,
                mean_in_degree: named as f64 / members.len() as f64,
                sought_out: members.iter().filter(|p| p.sought_out).count(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn member(id: i64, role: Role, department: Option<&str>) -> StaffMember {
        StaffMember {
            person: PersonId(id),
            name: format!("P{id}"),
            role,
            department: department.map(str::to_owned),
        }
    }

    #[test]
    fn topics_read_back_from_their_names() {
        for topic in Topic::ALL {
            assert_eq!(topic.as_str().parse::<Topic>(), Ok(topic));
        }
        assert!("gossip".parse::<Topic>().is_err());
    }

    #[test]
    fn a_teacher_named_by_many_is_an_informal_leader_and_a_silent_post_is_noticed() {
        let staff = vec![
            member(1, Role::Head, None),
            member(2, Role::MiddleLeader, Some("Mathematics")),
            member(3, Role::Teacher, Some("Science")),
            member(4, Role::Teacher, Some("Mathematics")),
            member(5, Role::Teacher, Some("Mathematics")),
            member(6, Role::SupportStaff, None),
        ];
        let p = PersonId;
        let nominations = vec![
            (p(1), p(3)),
            (p(4), p(3)),
            (p(5), p(3)),
            (p(2), p(3)),
            (p(3), p(1)),
        ];
        let report = topic_report(
            Topic::TeachingMathematics,
            &staff,
            &[p(1), p(2), p(3), p(4), p(5)],
            &nominations,
        )
        .unwrap();
        let leaders: Vec<i64> = report
            .informal_leaders()
            .map(|p| p.member.person.0)
            .collect();
        assert_eq!(leaders, vec![3]);
        let silent: Vec<i64> = report
            .posts_not_sought()
            .map(|p| p.member.person.0)
            .collect();
        assert_eq!(silent, vec![2]);
        assert!(report.people[5].isolate && !report.people[5].answered);
        let maths = report
            .by_department
            .iter()
            .find(|g| g.label.as_deref() == Some("Mathematics"))
            .unwrap();
        assert_eq!((maths.people, maths.named), (3, 0));
    }

    #[test]
    fn nominations_of_people_no_longer_on_the_roster_are_left_out() {
        let staff = vec![
            member(1, Role::Teacher, None),
            member(2, Role::Teacher, None),
        ];
        let report = topic_report(
            Topic::Behaviour,
            &staff,
            &[PersonId(1)],
            &[(PersonId(1), PersonId(2)), (PersonId(1), PersonId(99))],
        )
        .unwrap();
        assert_eq!(report.measures.ties, 1);
    }

    #[test]
    fn sought_out_needs_two_names_and_twice_the_average() {
        assert!(!is_sought_out(1, 1, 10));
        assert!(is_sought_out(2, 5, 10));
        assert!(!is_sought_out(3, 20, 10));
        assert!(!is_sought_out(0, 0, 0));
    }
}
