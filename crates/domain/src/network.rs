//! The staff advice network (PRODUCT.md capability 5; ANALYTICS.md §7): "who do you go to
//! for advice about …?", asked of the school's staff against its roster, one topic at a
//! time. Every member of staff is in each topic's network, answered or not; a tie is one
//! person naming another. The measures are `headway_stats::network`'s (networkx's
//! definitions); this module adds the school's reading of them: who holds a post, who is
//! sought out, who is sought out without a post (an informal leader), and the same figures
//! by role and by department.
//!
//! Who reads the results is told to everyone before they answer: the head and the senior
//! leaders of the school; never governors; nobody else. Names are the head's alone, and
//! only when the school's setting gives them (off by default); everyone else reads the
//! [`Structure`], where nobody is labelled by a group of fewer than k people.

use crate::anonymity::{GroupVisibility, Threshold, groups_to_show};
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

    /// Holds a post whose work the topic is, and nobody goes to them on it.
    pub fn post_not_sought(&self, topic: Topic) -> bool {
        post_covers(&self.member, topic) && self.in_degree == 0
    }
}

/// Whether `member`'s post is about `topic`: what a colleague might expect to ask them.
/// The head and senior leaders lead behaviour, the curriculum and well-being (senior
/// leaders also the use of data, which is the data manager's job too); a head of
/// department plans their subject's curriculum, and a head of mathematics is who one
/// would expect to be asked about teaching mathematics. A post-holder nobody asks about
/// something outside their post is no finding, so they are not listed.
pub fn post_covers(member: &StaffMember, topic: Topic) -> bool {
    let mathematics = member.department.as_deref().is_some_and(|d| {
        let d = d.to_lowercase();
        d.contains("math") || d.contains("mathemateg")
    });
    match member.role {
        Role::Head => matches!(
            topic,
            Topic::Behaviour | Topic::CurriculumPlanning | Topic::WellBeing
        ),
        Role::SeniorLeader => topic != Topic::TeachingMathematics,
        Role::MiddleLeader => {
            topic == Topic::CurriculumPlanning
                || (topic == Topic::TeachingMathematics && mathematics)
        }
        Role::DataManager => topic == Topic::UsingData,
        _ => false,
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

    /// Post holders whose post is about this topic and whom nobody names on it.
    pub fn posts_not_sought(&self) -> impl Iterator<Item = &PersonPosition> {
        self.people.iter().filter(|p| p.post_not_sought(self.topic))
    }

    /// The network without names, for everyone who leads it but may not read names (see
    /// [`Structure`]). `seed` orders people within a group (the round's id, say), so the
    /// order says nothing about who they are and stays the same from one view to the next.
    pub fn without_names(&self, threshold: Threshold, seed: u64) -> Structure {
        Structure::of(self, threshold, seed)
    }
}

/// Whether the members of a group shown without names hold posts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Posts {
    All,
    None,
    Mixed,
}

/// A group of staff the structure may label: one role-and-department combination, or
/// several merged, with at least k people; or, with `combinations` empty, everyone whose
/// combination may not be shown ("other staff").
#[derive(Debug, Clone, PartialEq)]
pub struct StructureGroup {
    /// (role, department) of each combination in the group.
    pub combinations: Vec<(Role, Option<String>)>,
    pub people: usize,
    /// Nominations the group's members receive, in all.
    pub named: usize,
    pub sought_out: usize,
    pub posts: Posts,
}

impl StructureGroup {
    pub fn mean_in_degree(&self) -> f64 {
        if self.people == 0 {
            0.0
        } else {
            self.named as f64 / self.people as f64
        }
    }

    /// Everyone whose combination may not be shown.
    pub fn is_other_staff(&self) -> bool {
        self.combinations.is_empty()
    }
}

/// One person in the structure: no name, no id; only their group and their measures.
#[derive(Debug, Clone, PartialEq)]
pub struct AnonymousPerson {
    /// Index into [`Structure::groups`].
    pub group: usize,
    pub in_degree: usize,
    pub out_degree: usize,
    pub betweenness: f64,
    pub isolate: bool,
    pub sought_out: bool,
    /// Sought out in a group where nobody holds a post (in a mixed group, marking it would
    /// say which member holds no post).
    pub informal: bool,
}

/// A topic's network as shown to those who may not read names: the measures, the ties,
/// and each person labelled only by a group of at least k people (role and department,
/// merged by the anonymity module's rules, [`crate::anonymity::groups_to_show`]), so that
/// no label points at fewer than k people. People are ordered by group, then by how much
/// they are sought out, then by a keyed scramble: never by name or by roster order.
#[derive(Debug, Clone, PartialEq)]
pub struct Structure {
    pub topic: Topic,
    pub threshold: Threshold,
    pub ties_count: usize,
    pub density: f64,
    pub reciprocity: Option<f64>,
    pub in_degree_centralisation: Option<f64>,
    pub groups: Vec<StructureGroup>,
    pub people: Vec<AnonymousPerson>,
    /// Ties as positions in `people`.
    pub ties: Vec<(usize, usize)>,
}

/// SplitMix64: a fixed scramble, so the order within a group is the same on every view of
/// a round and unrelated to names or ids.
fn scramble(seed: u64, value: u64) -> u64 {
    let mut z = seed
        .wrapping_mul(0x9E37_79B9_7F4A_7C15)
        .wrapping_add(value)
        .wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl Structure {
    fn of(report: &TopicReport, threshold: Threshold, seed: u64) -> Structure {
        let combination =
            |p: &PersonPosition| (p.member.role.as_str(), p.member.department.clone());
        let mut combinations: Vec<(&'static str, Option<String>)> =
            report.people.iter().map(combination).collect();
        combinations.sort();
        combinations.dedup();
        let of_person: Vec<usize> = report
            .people
            .iter()
            .map(|p| {
                combinations
                    .binary_search(&combination(p))
                    .expect("every person's combination is listed")
            })
            .collect();
        let counts: Vec<(usize, u32)> = (0..combinations.len())
            .map(|c| (c, of_person.iter().filter(|&&o| o == c).count() as u32))
            .collect();
        let disclosure = groups_to_show(&counts, threshold);
        // Each shown or merged row is a group; everything else is "other staff", last.
        let rows = disclosure.rows();
        let other = rows.len();
        let group_of_combination = |c: usize| match disclosure.visibility(c) {
            Some(GroupVisibility::Shown) => rows
                .iter()
                .position(|r| r.groups.contains(&c))
                .unwrap_or(other),
            Some(GroupVisibility::Merged { row }) => row,
            _ => other,
        };
        let group_of: Vec<usize> = of_person.iter().map(|&c| group_of_combination(c)).collect();
        let mut groups: Vec<StructureGroup> = rows
            .iter()
            .map(|r| StructureGroup {
                combinations: r
                    .groups
                    .iter()
                    .map(|&c| {
                        let (role, department) = &combinations[c];
                        (
                            role.parse::<Role>().expect("a role read from a role"),
                            department.clone(),
                        )
                    })
                    .collect(),
                people: 0,
                named: 0,
                sought_out: 0,
                posts: Posts::Mixed,
            })
            .collect();
        groups.push(StructureGroup {
            combinations: Vec::new(),
            people: 0,
            named: 0,
            sought_out: 0,
            posts: Posts::Mixed,
        });
        for (p, &g) in report.people.iter().zip(&group_of) {
            groups[g].people += 1;
            groups[g].named += p.in_degree;
            groups[g].sought_out += usize::from(p.sought_out);
        }
        for (g, group) in groups.iter_mut().enumerate() {
            let members = || {
                report
                    .people
                    .iter()
                    .zip(&group_of)
                    .filter(|(_, o)| **o == g)
            };
            group.posts = if members().all(|(p, _)| p.member.holds_post()) {
                Posts::All
            } else if members().all(|(p, _)| !p.member.holds_post()) {
                Posts::None
            } else {
                Posts::Mixed
            };
        }
        // "Other staff" mixes whatever could not be labelled: never marked as posts or not.
        if let Some(last) = groups.last_mut() {
            last.posts = Posts::Mixed;
        }
        let mut order: Vec<usize> = (0..report.people.len()).collect();
        order.sort_by(|&a, &b| {
            let (pa, pb) = (&report.people[a], &report.people[b]);
            group_of[a]
                .cmp(&group_of[b])
                .then(pb.in_degree.cmp(&pa.in_degree))
                .then(pb.out_degree.cmp(&pa.out_degree))
                .then(
                    scramble(seed, pa.member.person.0 as u64)
                        .cmp(&scramble(seed, pb.member.person.0 as u64)),
                )
        });
        let mut position = vec![0; order.len()];
        for (at, &i) in order.iter().enumerate() {
            position[i] = at;
        }
        let people = order
            .iter()
            .map(|&i| {
                let p = &report.people[i];
                let group = group_of[i];
                AnonymousPerson {
                    group,
                    in_degree: p.in_degree,
                    out_degree: p.out_degree,
                    betweenness: p.betweenness,
                    isolate: p.isolate,
                    sought_out: p.sought_out,
                    informal: p.sought_out && groups[group].posts == Posts::None,
                }
            })
            .collect();
        let mut ties: Vec<(usize, usize)> = report
            .ties
            .iter()
            .map(|&(a, b)| (position[a], position[b]))
            .collect();
        ties.sort_unstable();
        // An empty "other staff" is no group.
        if groups.last().is_some_and(|g| g.people == 0) {
            groups.pop();
        }
        Structure {
            topic: report.topic,
            threshold,
            ties_count: report.measures.ties,
            density: report.measures.density,
            reciprocity: report.measures.reciprocity,
            in_degree_centralisation: report.measures.in_degree_centralisation,
            groups,
            people,
            ties,
        }
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

    /// A school of `n` staff: a head, two senior leaders, a head of mathematics, and
    /// teachers spread over three departments (science the largest).
    fn school(n: i64) -> Vec<StaffMember> {
        let mut staff = vec![
            member(1, Role::Head, None),
            member(2, Role::SeniorLeader, None),
            member(3, Role::SeniorLeader, None),
            member(4, Role::MiddleLeader, Some("Mathematics")),
        ];
        for id in 5..=n {
            let department = ["Science", "Science", "English", "Mathematics"][(id % 4) as usize];
            staff.push(member(id, Role::Teacher, Some(department)));
        }
        staff
    }

    fn structure_of(staff: &[StaffMember], nominations: &[(i64, i64)], k: u8) -> Structure {
        let ties: Vec<(PersonId, PersonId)> = nominations
            .iter()
            .map(|&(a, b)| (PersonId(a), PersonId(b)))
            .collect();
        let everyone: Vec<PersonId> = staff.iter().map(|s| s.person).collect();
        topic_report(Topic::Behaviour, staff, &everyone, &ties)
            .unwrap()
            .without_names(Threshold::new(k).unwrap(), 7)
    }

    #[test]
    fn without_names_no_label_points_at_fewer_than_k_people() {
        for n in [4, 6, 9, 14, 23] {
            for k in [3, 5] {
                let staff = school(n);
                let nominations: Vec<(i64, i64)> =
                    (2..=n).map(|i| (i, 1 + (i * 7) % (i - 1).max(1))).collect();
                let structure = structure_of(&staff, &nominations, k);
                assert_eq!(structure.people.len(), staff.len());
                let total: usize = structure.groups.iter().map(|g| g.people).sum();
                assert_eq!(total, staff.len());
                for (g, group) in structure.groups.iter().enumerate() {
                    let members = structure.people.iter().filter(|p| p.group == g).count();
                    assert_eq!(members, group.people);
                    if group.is_other_staff() {
                        // Unlabelled: either at least k, or the whole staff (no label at all).
                        assert!(
                            group.people >= usize::from(k) || group.people == staff.len(),
                            "n {n}, k {k}: other staff {}",
                            group.people
                        );
                    } else {
                        assert!(group.people >= usize::from(k), "n {n}, k {k}: {group:?}");
                    }
                }
                // The lone head is never labelled on their own.
                assert!(
                    structure
                        .groups
                        .iter()
                        .all(|g| g.combinations != vec![(Role::Head, None)])
                );
                assert_eq!(structure.ties.len(), structure.ties_count);
            }
        }
    }

    #[test]
    fn without_names_the_order_and_labels_do_not_follow_names() {
        let staff = school(14);
        let nominations = [(5, 9), (6, 9), (7, 9), (8, 2), (9, 2), (10, 4)];
        let structure = structure_of(&staff, &nominations, 3);
        // The same school with every name changed, so that the roster (in name order)
        // comes the other way round, gives the same structure.
        let renamed: Vec<StaffMember> = staff
            .iter()
            .rev()
            .map(|s| StaffMember {
                name: format!("Z{}", 100 - s.person.0),
                ..s.clone()
            })
            .collect();
        assert_eq!(structure_of(&renamed, &nominations, 3), structure);
        // Most sought out first within a group: person 9 (named by three) leads theirs.
        let nine = &structure.people[structure
            .people
            .iter()
            .position(|p| p.in_degree == 3)
            .unwrap()];
        assert!(nine.sought_out);
        assert!(
            structure
                .people
                .iter()
                .filter(|p| p.group == nine.group)
                .all(|p| p.in_degree <= 3)
        );
        // Ties are kept, re-numbered.
        let in_degrees: usize = structure.people.iter().map(|p| p.in_degree).sum();
        assert_eq!(in_degrees, nominations.len());
        for &(a, b) in &structure.ties {
            assert!(structure.people[a].out_degree > 0 && structure.people[b].in_degree > 0);
        }
    }

    #[test]
    fn a_teacher_sought_out_is_marked_informal_only_in_a_group_without_posts() {
        let staff = school(14);
        let nominations = [(5, 9), (6, 9), (7, 9), (10, 9)];
        let structure = structure_of(&staff, &nominations, 3);
        let nine = structure.people.iter().find(|p| p.in_degree == 4).unwrap();
        let group = &structure.groups[nine.group];
        assert_eq!(nine.informal, group.posts == Posts::None);
        assert!(
            structure
                .people
                .iter()
                .all(|p| !p.informal || structure.groups[p.group].posts == Posts::None)
        );
    }

    #[test]
    fn a_post_is_listed_as_not_sought_only_on_a_topic_of_its_post() {
        let head = member(1, Role::Head, None);
        let maths = member(2, Role::MiddleLeader, Some("Mathematics"));
        let english = member(3, Role::MiddleLeader, Some("English"));
        let data = member(4, Role::DataManager, None);
        let teacher = member(5, Role::Teacher, Some("Mathematics"));
        assert!(post_covers(&head, Topic::Behaviour));
        assert!(!post_covers(&head, Topic::TeachingMathematics));
        assert!(post_covers(&maths, Topic::TeachingMathematics));
        assert!(!post_covers(&english, Topic::TeachingMathematics));
        assert!(post_covers(&english, Topic::CurriculumPlanning));
        assert!(!post_covers(&english, Topic::WellBeing));
        assert!(post_covers(&data, Topic::UsingData));
        assert!(!post_covers(&data, Topic::Behaviour));
        assert!(Topic::ALL.iter().all(|&t| !post_covers(&teacher, t)));
        // Nobody names anyone on well-being: only the head is listed (a head of
        // department's post is not about well-being).
        let staff = vec![head, maths, english, data, teacher];
        let report = topic_report(Topic::WellBeing, &staff, &[], &[]).unwrap();
        let listed: Vec<i64> = report
            .posts_not_sought()
            .map(|p| p.member.person.0)
            .collect();
        assert_eq!(listed, vec![1]);
    }

    #[test]
    fn sought_out_needs_two_names_and_twice_the_average() {
        assert!(!is_sought_out(1, 1, 10));
        assert!(is_sought_out(2, 5, 10));
        assert!(!is_sought_out(3, 20, 10));
        assert!(!is_sought_out(0, 0, 0));
    }
}
