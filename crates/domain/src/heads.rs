//! Heads coaching heads, and heads' learning communities (PRODUCT.md capability 6; issue
//! 18, item 3; EVIDENCE.md §10): an experienced head coaching a new or struggling head of
//! another school in the same cluster, and the cluster's heads learning together in a
//! community with a shared inquiry.
//!
//! Pure rules: who reads what of a pair ([`pair_reading`]) and of a community
//! ([`community_reading`]), which the access policy asks, so what the pages say about who
//! reads each part is the rule enforced; and Headway's own pairing suggestions
//! ([`suggest_pairs`]) from the cluster view's figures and the heads' time in post.

use crate::ids::{OrgId, PersonId, SchoolId};

/// The cluster a pair or community belongs to, and its schools.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClusterFacts {
    pub cluster: OrgId,
    pub schools: Vec<SchoolId>,
}

/// What decides who reads a coaching pair.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PairFacts {
    pub cluster: ClusterFacts,
    pub coach: PersonId,
    pub coachee: PersonId,
}

/// How much of a pair a person reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PairReading {
    /// The coach and the coachee: goals, sessions, notes and outcomes.
    ThePair,
    /// The cluster's lead: that the pair exists, who is in it and how many sessions were
    /// held — never a goal, a note or an outcome.
    ThatItExists,
}

/// Who a person is to a pair, as the access policy has worked it out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Standing {
    /// Whether the person heads one of the cluster's schools now.
    pub heads_a_cluster_school: bool,
    /// Whether the person leads the cluster (or leads every school in it from above).
    pub leads_the_cluster: bool,
}

/// How much of a pair `person` reads: its two heads everything, while they still head a
/// school of the cluster; the cluster's lead that it exists; everyone else nothing —
/// another head of the cluster, a governor, the staff of either school.
pub fn pair_reading(
    facts: &PairFacts,
    person: PersonId,
    standing: Standing,
) -> Option<PairReading> {
    let in_pair = person == facts.coach || person == facts.coachee;
    if in_pair && standing.heads_a_cluster_school {
        Some(PairReading::ThePair)
    } else if standing.leads_the_cluster {
        Some(PairReading::ThatItExists)
    } else {
        None
    }
}

/// What decides who reads a heads' learning community.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommunityFacts {
    pub cluster: ClusterFacts,
    pub members: Vec<PersonId>,
}

/// How much of a community a person reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommunityReading {
    /// Its members: meetings and their notes, the inquiry whole; they write in it.
    Member,
    /// The cluster's lead: the inquiry's question and findings, and who the members are.
    QuestionAndFindings,
}

/// How much of a community `person` reads: its members everything, while they head a
/// school of the cluster; the cluster's lead its question and findings; nobody else
/// anything.
pub fn community_reading(
    facts: &CommunityFacts,
    person: PersonId,
    standing: Standing,
) -> Option<CommunityReading> {
    if facts.members.contains(&person) && standing.heads_a_cluster_school {
        Some(CommunityReading::Member)
    } else if standing.leads_the_cluster {
        Some(CommunityReading::QuestionAndFindings)
    } else {
        None
    }
}

/// The longest text a pair or community accepts in one field.
pub const LONGEST_TEXT: usize = 4000;

/// A community has at least this many heads (a community of one is a notebook).
pub const FEWEST_MEMBERS: usize = 2;

// ---------------------------------------------------------------------------------------
// Pairing suggestions: Headway's own judgement.

/// A head in post for fewer whole years than this counts as new. Headway's own threshold:
/// no source in EVIDENCE.md gives one.
pub const NEW_HEAD_YEARS: i64 = 2;

/// A head in post for at least this many whole years can be suggested as a coach.
/// Headway's own threshold, as above.
pub const EXPERIENCED_HEAD_YEARS: i64 = 5;

/// A head of the cluster as the suggestions read them, from the cluster view.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub person: PersonId,
    pub school: SchoolId,
    pub phase: String,
    pub fsm_band: u8,
    /// Whole years since the head started at the school, where recorded.
    pub years_in_post: Option<i64>,
    /// The school's headline value added has its whole 95% interval below zero.
    pub significantly_below: bool,
}

/// Why a head is suggested as a coachee.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Need {
    /// New in post, and the school's value added is significantly below.
    NewAndBelow,
    /// The school's value added is significantly below.
    Below,
    /// New in post.
    New,
}

/// How alike the two schools are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Likeness {
    /// Same phase, same FSM band.
    SameBand,
    /// Same phase, FSM bands one apart.
    NeighbouringBand,
}

/// One suggested pair, with the reasons shown beside it.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    pub coach: PersonId,
    pub coachee: PersonId,
    pub need: Need,
    pub likeness: Likeness,
    pub coach_years: i64,
    pub coachee_years: Option<i64>,
}

fn need_of(head: &Candidate) -> Option<Need> {
    let new = head.years_in_post.is_some_and(|y| y < NEW_HEAD_YEARS);
    match (new, head.significantly_below) {
        (true, true) => Some(Need::NewAndBelow),
        (false, true) => Some(Need::Below),
        (true, false) => Some(Need::New),
        (false, false) => None,
    }
}

fn can_coach(head: &Candidate) -> Option<i64> {
    head.years_in_post
        .filter(|y| *y >= EXPERIENCED_HEAD_YEARS && !head.significantly_below)
}

fn likeness(a: &Candidate, b: &Candidate) -> Option<Likeness> {
    if a.phase != b.phase {
        None
    } else if a.fsm_band == b.fsm_band {
        Some(Likeness::SameBand)
    } else if a.fsm_band.abs_diff(b.fsm_band) == 1 {
        Some(Likeness::NeighbouringBand)
    } else {
        None
    }
}

/// Headway's suggested pairs among a cluster's heads: each head in need — new in post
/// (fewer than [`NEW_HEAD_YEARS`]) or leading a school whose value added is significantly
/// below — is offered one coach: a head of a school of the same phase and the same or a
/// neighbouring FSM band, in post at least [`EXPERIENCED_HEAD_YEARS`], whose own school is
/// not significantly below. The greatest need is matched first; then the likest school,
/// then the longest in post. No head is suggested twice, and anyone in `busy` (already in
/// a pair) is left out. A suggestion, not a decision: the cluster lead sets pairs up.
pub fn suggest_pairs(heads: &[Candidate], busy: &[PersonId]) -> Vec<Suggestion> {
    let free = |h: &&Candidate| !busy.contains(&h.person);
    let mut needing: Vec<(&Candidate, Need)> = heads
        .iter()
        .filter(free)
        .filter_map(|h| Some((h, need_of(h)?)))
        .collect();
    needing.sort_by(|(a, na), (b, nb)| {
        na.cmp(nb)
            .then(
                a.years_in_post
                    .unwrap_or(i64::MAX)
                    .cmp(&b.years_in_post.unwrap_or(i64::MAX)),
            )
            .then(a.person.cmp(&b.person))
    });
    let mut taken: Vec<PersonId> = Vec::new();
    let mut found = Vec::new();
    for (coachee, need) in needing {
        if taken.contains(&coachee.person) {
            continue;
        }
        let best = heads
            .iter()
            .filter(free)
            .filter(|c| c.person != coachee.person && c.school != coachee.school)
            .filter(|c| !taken.contains(&c.person))
            .filter_map(|c| Some((c, can_coach(c)?, likeness(c, coachee)?)))
            .min_by(|(a, ya, la), (b, yb, lb)| {
                la.cmp(lb).then(yb.cmp(ya)).then(a.person.cmp(&b.person))
            });
        if let Some((coach, years, likeness)) = best {
            taken.push(coach.person);
            taken.push(coachee.person);
            found.push(Suggestion {
                coach: coach.person,
                coachee: coachee.person,
                need,
                likeness,
                coach_years: years,
                coachee_years: coachee.years_in_post,
            });
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn head(id: i64, phase: &str, band: u8, years: Option<i64>, below: bool) -> Candidate {
        Candidate {
            person: PersonId(id),
            school: SchoolId(100 + id),
            phase: phase.into(),
            fsm_band: band,
            years_in_post: years,
            significantly_below: below,
        }
    }

    const HEAD: Standing = Standing {
        heads_a_cluster_school: true,
        leads_the_cluster: false,
    };
    const LEAD: Standing = Standing {
        heads_a_cluster_school: false,
        leads_the_cluster: true,
    };
    const NOBODY: Standing = Standing {
        heads_a_cluster_school: false,
        leads_the_cluster: false,
    };

    fn pair() -> PairFacts {
        PairFacts {
            cluster: ClusterFacts {
                cluster: OrgId(1),
                schools: vec![SchoolId(10), SchoolId(11), SchoolId(12)],
            },
            coach: PersonId(1),
            coachee: PersonId(2),
        }
    }

    #[test]
    fn a_pair_is_read_whole_by_its_two_heads_and_only_as_existing_by_the_lead() {
        let facts = pair();
        assert_eq!(
            pair_reading(&facts, PersonId(1), HEAD),
            Some(PairReading::ThePair)
        );
        assert_eq!(
            pair_reading(&facts, PersonId(2), HEAD),
            Some(PairReading::ThePair)
        );
        assert_eq!(
            pair_reading(&facts, PersonId(9), LEAD),
            Some(PairReading::ThatItExists)
        );
        // Another head of the cluster, and anyone without standing, read nothing.
        assert_eq!(pair_reading(&facts, PersonId(3), HEAD), None);
        assert_eq!(pair_reading(&facts, PersonId(3), NOBODY), None);
        // A coachee who no longer heads a school of the cluster reads nothing of it.
        assert_eq!(pair_reading(&facts, PersonId(2), NOBODY), None);
    }

    #[test]
    fn a_community_is_read_whole_by_members_and_its_question_and_findings_by_the_lead() {
        let facts = CommunityFacts {
            cluster: pair().cluster,
            members: vec![PersonId(1), PersonId(2)],
        };
        assert_eq!(
            community_reading(&facts, PersonId(1), HEAD),
            Some(CommunityReading::Member)
        );
        assert_eq!(
            community_reading(&facts, PersonId(9), LEAD),
            Some(CommunityReading::QuestionAndFindings)
        );
        assert_eq!(community_reading(&facts, PersonId(3), HEAD), None);
        assert_eq!(community_reading(&facts, PersonId(1), NOBODY), None);
    }

    #[test]
    fn a_new_head_is_offered_the_longest_serving_head_of_a_like_school() {
        let heads = vec![
            head(1, "secondary", 3, Some(1), false),
            head(2, "secondary", 3, Some(6), false),
            head(3, "secondary", 3, Some(12), false),
            head(4, "secondary", 4, Some(20), false),
            head(5, "primary", 3, Some(25), false),
        ];
        let found = suggest_pairs(&heads, &[]);
        assert_eq!(found.len(), 1);
        let s = &found[0];
        assert_eq!((s.coach, s.coachee), (PersonId(3), PersonId(1)));
        assert_eq!(s.need, Need::New);
        assert_eq!(s.likeness, Likeness::SameBand);
        assert_eq!(s.coach_years, 12);
    }

    #[test]
    fn a_neighbouring_band_is_taken_only_when_no_school_shares_the_band() {
        let heads = vec![
            head(1, "secondary", 2, Some(0), false),
            head(4, "secondary", 3, Some(20), false),
            head(6, "secondary", 5, Some(30), false),
        ];
        let found = suggest_pairs(&heads, &[]);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].coach, PersonId(4));
        assert_eq!(found[0].likeness, Likeness::NeighbouringBand);
    }

    #[test]
    fn greatest_need_is_matched_first_and_no_head_is_suggested_twice() {
        let heads = vec![
            head(1, "secondary", 3, Some(1), false),
            head(2, "secondary", 3, Some(8), true),
            head(3, "secondary", 3, Some(10), false),
        ];
        // Head 2 (below, not new) and head 1 (new) both need a coach; head 3 is the only
        // coach: the school significantly below comes first. Head 2 cannot coach (below).
        let found = suggest_pairs(&heads, &[]);
        assert_eq!(found.len(), 1);
        assert_eq!(
            (found[0].coach, found[0].coachee),
            (PersonId(3), PersonId(2))
        );
        assert_eq!(found[0].need, Need::Below);
    }

    #[test]
    fn heads_already_in_a_pair_and_unknown_time_in_post_suggest_nothing() {
        let heads = vec![
            head(1, "secondary", 3, Some(1), false),
            head(2, "secondary", 3, None, false),
            head(3, "secondary", 3, Some(10), false),
        ];
        assert!(suggest_pairs(&heads, &[PersonId(3)]).is_empty());
        assert!(suggest_pairs(&heads, &[PersonId(1)]).is_empty());
        // Unknown time in post is neither new nor experienced.
        let unknown = vec![
            head(2, "secondary", 3, None, false),
            head(3, "secondary", 3, Some(10), false),
        ];
        assert!(suggest_pairs(&unknown, &[]).is_empty());
    }

    #[test]
    fn a_school_significantly_below_needs_a_coach_even_with_an_experienced_head() {
        let heads = vec![
            head(1, "primary", 1, Some(9), true),
            head(2, "primary", 1, Some(7), false),
        ];
        let found = suggest_pairs(&heads, &[]);
        assert_eq!(found.len(), 1);
        assert_eq!(
            (found[0].coach, found[0].coachee),
            (PersonId(2), PersonId(1))
        );
        assert_eq!(found[0].coachee_years, Some(9));
    }
}
