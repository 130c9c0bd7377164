# The leadership diagnostic (a 360 of leadership practice).

nav-diagnostic = Leadership 360
diag-title = Leadership 360
diag-intro = See your leadership as your staff see it, beside the research evidence, and decide where to focus.
diag-your-surveys = Your surveys
diag-no-surveys = You have no surveys to answer.
diag-about-leader = About the leadership of { $leader } at { $school }
diag-your-rounds = Your rounds
diag-no-rounds = You have not opened a round yet.
diag-rounds-caption = Rounds of the 360 about your leadership
diag-col-school = School
diag-col-opened = Opened
diag-col-status = Status
diag-col-open-page = Page
diag-status-open = Open
diag-status-closed = Closed
diag-manage-round = Manage the round
diag-read-report = Read the report
diag-open-round = Open a new round
diag-open-round-at = The round will be about your leadership at { $name }.
diag-choose-groups = Which groups will you ask?
diag-threshold = Smallest group shown (anonymity threshold)
diag-threshold-hint = { $n ->
    [one] A group's results are shown only when at least this many people have answered; never fewer than { $n } person.
   *[other] A group's results are shown only when at least this many people have answered; never fewer than { $n } people.
}
diag-open-round-button = Open the round
diag-self-audit-title = Self-audit
diag-self-audit-intro = A quick reflection on your own leadership of learning and teaching, with no respondents, giving the same dimension view as a full round.
diag-self-audit-link = Take or review your self-audit
diag-self-audit-about = Your own view of your leadership: nobody else answers, and nobody else sees it.
diag-self-audit-profile = Your self-audit by dimension
diag-self-audit-taken = Taken on { $name }.
diag-self-audit-caution = A self-audit shows how you see yourself. Staff may see it differently: open a round to find out.
diag-self-audit-again = Take the self-audit again

diag-round-title = Round of the leadership 360
diag-leader = Leader
diag-threshold-short = Anonymity threshold
diag-responses = Responses so far
diag-counts-only = { $n ->
    [one] While the round is open you see only how many people have answered in each group. Results appear once it is closed, for groups of at least { $n } person.
   *[other] While the round is open you see only how many people have answered in each group. Results appear once it is closed, for groups of at least { $n } people.
}
diag-responses-caption = { $n ->
    [one] { $n } response in all
   *[other] { $n } responses in all
}
diag-col-group = Group
diag-col-responses = Responses
diag-self-rating-title = Your self-rating
diag-self-rating-done = You have rated yourself.
diag-self-rating-again = Change your self-rating
diag-self-rating-todo = Rate your own leadership on the same statements, so the report can show the gap between your view and others'.
diag-self-rating-start = Rate yourself
diag-self-rating-about = Your own leadership at { $name }: this is not anonymous, and only you see it.
diag-invite-staff = Invite staff
diag-invite-intro = Choose how each person is invited. In the app: they answer from their own surveys after signing in. Outbox: a single-use link that the head or data manager hands to them (you never see it). Email: the link is sent straight to their address.
diag-email-not-offered = Email is not set up on this server, so people without an account are invited through the outbox.
diag-invited-count = { $n ->
    [one] One person invited so far.
   *[other] { $n } people invited so far.
}
diag-invite-staff-legend = Staff to invite (each answers in the group of their role)
diag-no-staff = No staff in the groups asked.
diag-invited = invited
diag-invite-button = Invite
diag-col-person = Person
diag-col-channel = How
diag-col-link = Link
diag-channel-none = Not invited
diag-channel-in-app = In the app
diag-channel-outbox = Outbox link
diag-channel-email = Email
diag-email-subject = Your view of { $leader }'s leadership
diag-email-body = You are invited to give your view of { $leader }'s leadership at { $school }. Your answers are anonymous: { $leader } sees only figures from groups large enough to hide who said what.

    Answer here (the link works once): { $link }
diag-email-failed-title = Some invitations were not sent
diag-email-failed = { $n ->
    [one] One email could not be sent. Its invitation waits in the school's outbox, where the head or data manager can hand out a link.
   *[other] { $n } emails could not be sent. Their invitations wait in the school's outbox, where the head or data manager can hand out links.
}
diag-outbox = 360 outbox
diag-outbox-title = Leadership 360 outbox
diag-outbox-intro = Links for people invited to a leadership 360. Give each link only to the person named. A link is shown once, when it is issued; issuing a new one stops the old one working. You never see the links of a 360 about yourself.
diag-outbox-empty = No links are waiting to be handed out.
diag-outbox-caption = Invitations waiting for an answer
diag-outbox-not-issued = no link issued yet
diag-outbox-issued = link issued on { $date }
diag-outbox-emailed = emailed on { $date }
diag-outbox-issue = Issue a link
diag-outbox-issue-for = Issue a link for { $name }
diag-link-title = A single-use survey link
diag-link-shown-once = Copy this link now and give it only to the person named: it is shown once and cannot be recovered.
diag-link-for = The link for { $person } (a 360 about { $leader }):
diag-back-to-outbox = Back to the outbox
diag-by-channel = How the answers came
diag-by-channel-caption = Responses by channel (fewer than the threshold are hidden)
diag-col-channel-responses = Responses
diag-back-to-round = Back to the round
diag-close-title = Close the round
diag-close-intro = Closing stops any more answers and produces the report.
diag-close-button = Close the round and see the report
diag-back = Back to the leadership 360

diag-group-senior-leaders = Senior leaders
diag-group-middle-leaders = Middle leaders
diag-group-teachers = Teachers
diag-group-support-staff = Support staff
diag-group-governors = Governors

diag-unanswered-hint = Statements you leave unanswered are left out, like "Don't know".
diag-nothing-answered = You have not answered any statement, so nothing has been sent and your link still works. Choose an answer for at least one statement, then send your answers — or close this page and come back later.
diag-submit-answers = Send my answers
diag-thanks-title = Thank you
diag-thanks-message = Your answers have been recorded anonymously. This link or invitation cannot be used again.
diag-refused-title = This survey cannot be answered
diag-refused-unknown = This survey link is not known. Check that you copied all of it.
diag-refused-used = This link or invitation has already been used to answer. Each can be used once.
diag-refused-expired = This survey link has expired. Ask the person who gave it to you for a new one.
diag-refused-closed = This round of the survey has closed.

diag-report-title = Leadership 360 report
diag-closed-on = Closed
diag-print-hint = To print this report or save it as a PDF, use your browser's print command.
diag-scale-is = Ratings are on the scale { $name }; "Don't know" is left out of every mean.
diag-who-answered = Who answered
diag-anonymity-rule = { $n ->
    [one] A group is shown only with at least { $n } response; a smaller group is merged with the next-smallest, and a group that could be worked out by subtraction is hidden too.
   *[other] A group is shown only with at least { $n } responses; a smaller group is merged with the next-smallest, and a group that could be worked out by subtraction is hidden too.
}
diag-visibility-shown = { $n ->
    [one] { $n } response, shown
   *[other] { $n } responses, shown
}
diag-visibility-merged = { $n ->
    [one] { $n } response, shown together with { $with }
   *[other] { $n } responses, shown together with { $with }
}
diag-visibility-all-others = { $n ->
    [one] { $n } response, counted only in all others
   *[other] { $n } responses, counted only in all others
}
diag-visibility-hidden = { $n ->
    [one] { $n } response: not shown, fewer than { $k }
   *[other] { $n } responses: not shown, fewer than { $k }
}
diag-visibility-none = no responses
diag-no-self-rating = You did not rate yourself in this round, so there are no gaps.
diag-nothing-shown = Too few people answered for any figure to be shown without risking their anonymity.
diag-profile-title = Dimension profile
diag-self = Self
diag-all-others = All others
diag-by-dimension = By dimension
diag-by-dimension-caption = Mean rating by dimension: your own, each group shown, and all others
diag-col-dimension = Dimension
diag-col-gap = Gap
diag-col-alpha = Alpha
diag-col-spread = Spread (SD)
diag-col-distribution = Answers 1 / 2 / 3 / 4 / 5 · ?
diag-table-notes = Gap = all others − self. Alpha is Cronbach's alpha across all others, shown from 10 complete responses. Spread is the standard deviation of respondents' means. "?" counts "Don't know".
diag-alpha-too-few = n < 10
diag-strengths-blind-spots = Strengths and blind spots
diag-strengths = Strengths: others rate you higher than you rate yourself
diag-blind-spots = Blind spots: others rate you lower than you rate yourself
diag-col-practice = Practice
diag-no-gaps = Strengths and blind spots need your self-rating and all others' figures.
diag-focus-title = Where to focus
diag-focus-intro = Ordered by priority: how far the rating is below the top of the scale, times the dimension's effect on pupils' outcomes in the research, adjusted for your school's context.
diag-context-years-early = { $n ->
    [zero] The head has been in post less than a year (early in post).
    [one] The head has been in post { $n } year (early in post).
   *[other] The head has been in post { $n } years (early in post).
}
diag-context-years-established = { $n ->
    [one] The head has been in post { $n } year (established).
   *[other] The head has been in post { $n } years (established).
}
diag-context-years-unknown = The head's start date is not recorded, so time in post is not taken into account.
diag-context-fsm = Free school meals: { $share } of pupils (band { $band } of 4).
diag-context-improvement-unknown = Improvement group: not yet known (it needs several years of progress data for the school).
diag-focus-figures = Rating { $rating } · effect size { $effect } · priority { $priority }
diag-focus-figures-adjusted = Rating { $rating } · effect size { $effect } · priority { $base } { $factors } = { $priority } for your context
diag-focus-basis-study = (Evidence: Day et al. 2009, §{ $section }.)
diag-focus-basis-judgement = (Headway's judgement, not a finding of a study.)
diag-focus-weight = Raises this priority × { $factor }; the size of the weight is Headway's judgement.
diag-focus-weight-none = A note only: the priority is unchanged.
diag-focus-evidence = Evidence:
diag-focus-caveat = Caveat:
diag-focus-context = In your context:
diag-no-focus = Focus suggestions need all others' figures, which are not shown for this round.
diag-comparison-title = Compared with your previous round
diag-comparison-none = This is your first round: there is nothing to compare with yet.
diag-comparison-not-possible = The previous round's figures cannot be compared (too few responses were shown in one of the two rounds).
diag-comparison-caption = All others' mean by dimension, against the round opened on { $name }
diag-col-previous = Previous
diag-col-current = This round
diag-col-change = Change
diag-col-interval = 95% interval of the change
diag-to = to
diag-by-category = By category of practice
diag-by-category-intro = The four categories of basic leadership practices that successful heads draw on (Leithwood, Day, Sammons, Harris and Hopkins): each figure is the mean over the category's items.
diag-by-category-caption = Mean rating by category: your own, each group shown, and all others
diag-col-category = Category
diag-col-dimension-mapped = Dimension (Headway's mapping)
diag-mapping-judgement = Which of Robinson's five dimensions each practice counts towards is Headway's judgement: the studies define the dimensions and the practices, not a mapping between them. The categories are the studies' own.
diag-by-practice = By practice
diag-by-practice-caption = Mean rating by practice: your own, each group shown, and all others
diag-context-improvement = Improvement group over the last three years, all subjects together: { $group }. { $explained }

diag-hidden = hidden
diag-hidden-note = { $n ->
    [one] “hidden”: fewer than { $n } person gave this figure, or, with the figures shown (such as all others minus the groups shown), it would reveal a smaller group.
   *[other] “hidden”: fewer than { $n } people gave this figure, or, with the figures shown (such as all others minus the groups shown), it would reveal a smaller group.
}

# Why a 360 request was refused.
diag-error-round-closed = This round has been closed: nothing more can be added to it.
diag-error-no-groups = Choose at least one group of respondents.
diag-error-channel = { $name } cannot be invited that way.
# The staff climate scale beside dimension 5 (issue 17, item 8).
diag-climate-beside = Beside it, the staff climate survey closed { $date }: an orderly and supportive environment { $mean } (95% interval { $lower } to { $upper }), { $n } staff, on its 1–5 scale. Released survey results; a different question from the 360's, so the two are not on one scale.
diag-climate-suppressed = The staff climate survey closed { $date } has fewer than { $k } staff with a score on an orderly and supportive environment, so it is not shown.
