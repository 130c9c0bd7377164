# Heads coaching heads and heads' learning communities (issue 18, item 3).
heads-link = Heads coaching heads and learning communities
heads-home-link = Heads coaching heads and learning communities in { $name }
heads-title = Heads coaching heads
heads-intro = Experienced heads coach new or struggling heads of the cluster's other schools, and heads learn together in communities with a shared inquiry. What a pair says to each other stays between the two of them.
heads-pairs-heading = Coaching pairs
heads-pairs-who = A pair's goals, sessions, notes and outcomes are read by its two heads only. The cluster's lead sees that a pair exists and how many sessions it has held, never what was said. Other heads, governors and staff of either school see nothing of it.
heads-no-pairs = No coaching pairs you can see.
heads-pairs-caption = Coaching pairs of heads
heads-col-coach = Coach
heads-col-coachee = Head coached
heads-col-started = Started
heads-col-ended = Ended
heads-col-sessions = Sessions held
heads-yours = yours
heads-sessions-held = { $n ->
    [zero] no sessions
    [one] 1 session
   *[other] { $n } sessions
}
heads-years-in-post = { $n ->
    [zero] under a year in post
    [one] 1 year in post
   *[other] { $n } years in post
}
heads-years-unknown = time in post not recorded
heads-suggest-heading = Suggested pairs
heads-suggest-rule = Headway's own judgement, not drawn from research: a head needs a coach when they have been in post for fewer than { $new } years, or when their school's value added is significantly below average (its whole 95% interval below zero). A coach leads a school of the same phase and the same or a neighbouring free-school-meals band, has been in post for at least { $experienced } years, and their own school is not significantly below. Time in post is the school's record of when its head started. These are suggestions only; you decide.
heads-suggest-none = No pairs to suggest: no head without a pair is both in need and matched by an experienced head of a like school.
heads-suggest-years = coach { $coach }, head coached { $coachee }
heads-suggest-take = Set up this pair
heads-need-new-and-below = new in post, and the school's value added is significantly below
heads-need-below = the school's value added is significantly below
heads-need-new = new in post
heads-like-same-band = same phase and free-school-meals band
heads-like-neighbouring-band = same phase, neighbouring free-school-meals band
heads-new-pair = Set up a pair
heads-start-pair = Set up the pair
heads-communities-heading = Heads' learning communities
heads-communities-who = A community's meetings, notes and what its members tried are read by its members. The cluster's lead reads its question and findings. Other heads see nothing of it.
heads-no-communities = No learning communities you can see.
heads-members-list = Members: { $name }
heads-question = Question
heads-tried = What we tried
heads-findings = Findings
heads-not-yet = not written yet
heads-new-community = Start a learning community
heads-field-name = Name
heads-field-members = Members
heads-start-community = Start the community
heads-pair-title = { $coach } coaching { $coachee }
heads-readers-heading = Who can see this
heads-pair-readers = The two heads of this pair read its goals, sessions, notes and outcomes. The cluster's lead sees only that the pair exists and how many sessions it has held. Nobody else sees it.
heads-pair-lead-sees = You see that this pair exists and how many sessions it has held. Its goals, notes and outcomes are the two heads' own.
heads-end-pair = End this pair
heads-goals-heading = Goals
heads-no-goals = No goals yet.
heads-goal-from-360 = brought from the 360 of the head coached
heads-field-goal = A goal in your own words
heads-add-goal = Add the goal
heads-focus-legend = Bring a focus from your own 360
heads-focus-hint = These are the focus suggestions of your newest 360 report. Only the focus you choose is shared with your coach; the report stays yours.
heads-focus-none = You have no 360 report with focus suggestions yet.
heads-bring-focus = Make it a goal
heads-sessions-heading = Sessions
heads-no-sessions = No sessions yet.
heads-session-on = Session on { $name }
heads-field-date = Date
heads-field-notes = Notes
heads-field-outcomes = Outcomes agreed
heads-field-last-reviewed = How last time's outcomes went
heads-last-outcomes = Agreed last time: { $name }
heads-written-by = Written by { $name }
heads-new-session = Record a session
heads-add-session = Save the session
heads-community-readers = Members read the meetings, their notes and the whole inquiry, and write them. The cluster's lead reads the question and findings. Nobody else sees this community.
heads-community-lead-sees = You see this community's question, findings and members. Its meetings and notes are its members' own.
heads-inquiry-heading = Shared inquiry
heads-save-inquiry = Save the inquiry
heads-meetings-heading = Meetings
heads-no-meetings = No meetings yet.
heads-meeting-on = Meeting on { $name }
heads-new-meeting = Record a meeting
heads-add-meeting = Save the meeting
heads-error-empty = Write something first.
heads-error-too-long = The text is longer than this accepts.
heads-error-date = Dates are written as YYYY-MM-DD.
heads-error-future = A session or meeting cannot be dated after today.
heads-error-before-start = A session cannot be dated before the pair began.
heads-error-not-two-heads = A coach and a head coached must be two different heads of this cluster's schools.
heads-error-already-paired = These two heads are already a pair.
heads-error-ended = This pair has ended.
heads-error-not-your-focus = That focus is not one of your own 360 report's suggestions.
heads-error-too-few = A learning community needs at least two heads of this cluster's schools.
heads-error-not-a-head = Every member of a learning community heads one of this cluster's schools.
