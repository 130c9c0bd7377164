# A plan's measures: their kinds, statuses in words that respect the interval, progress
# towards a target range, why a reading is unavailable, the measure chart and card, and the
# "Make this a priority" link.
measure-kind-value-added = Value added in { $subject }
measure-kind-value-added-group = Value added in { $subject }: { $group }
measure-kind-contextual-value-added = Contextual value added in { $subject }
measure-kind-disadvantaged-gap = The disadvantaged gap in { $subject }
measure-kind-falling-behind = Share of pupils falling behind in { $subject }
measure-kind-falling-behind-all = Share of pupils falling behind in any subject
measure-kind-falling-behind-group = Share of pupils falling behind in { $subject }: { $group }
measure-kind-attendance = Attendance
measure-kind-attendance-group = Attendance: { $group }
measure-kind-leadership-360 = 360 leadership: { $dimension } (all others)
measure-kind-manual = Recorded by hand: { $unit }
measure-status-improved = Improved: the interval of the change excludes no change
measure-status-declined = Declined: the interval of the change excludes no change
measure-status-no-clear-change = No change we can be sure of yet: the interval of the change includes no change
measure-status-no-baseline = No baseline yet to compare with
measure-status-unavailable = No value now
measure-target-met = Target met: the whole interval is inside the target range
measure-target-on-the-way = On the way: the interval overlaps the target range, but is not yet inside it
measure-target-not-yet = Not there yet: the whole interval falls short of the target range
measure-target-beyond = Beyond the target: the whole interval is past the target range
measure-unavailable-no-data = No figure for this yet: the data it needs are not in (value added and the disadvantaged gap wait for the year's final results).
measure-unavailable-no-reference = There are no reference expectations to judge pupils against for this year and subject.
measure-unavailable-suppressed = Hidden to protect pupils' and respondents' anonymity: too few, or it would give away a smaller group.
measure-unavailable-no-interval = This figure has no interval (for example, a single respondent), so it is not shown as a measure.
measure-unavailable-not-for-groups = The contextual model gives the school's effect, not a pupil group's.
measure-unavailable-unknown = The data does not know this subject, pupil group or dimension.
measure-unavailable-not-permitted = A 360 is seen only by the leader it describes, so it is not read afresh for you: the plan shows the values that leader recorded when agreeing the plan and at each review.
measure-interval = { $lower } to { $upper }
measure-current = Now
measure-baseline = Baseline
measure-target = Target
measure-target-range = Target range: { $lower } to { $upper }
measure-change = Change since the baseline
measure-no-target = No target set
measure-chart-title = { $name } over time: the baseline, the target range and each review with its 95% interval
measure-chart-caption = { $name }: each reading with its 95% interval
measure-col-when = When
measure-col-estimate = Estimate
measure-col-status = Status
measure-key-estimate = Dot: the reading
measure-key-interval = Whisker: its 95% interval
measure-key-baseline = Square: the baseline, with its interval
measure-key-target = Shaded band: the target range
measure-key-unavailable = A review without a value says why, and has no whisker
measure-pupils = Based on { $n ->
    [one] one pupil or respondent
   *[other] { $n } pupils or respondents
}
make-priority = Make this a priority
make-priority-label = Make this a priority: { $name }
make-priority-va-text = { $subject }: value added { $value } ({ $interval }), { $year }
make-priority-va-title = Raise value added in { $name }
make-priority-gap-text = { $subject }: disadvantaged gap { $value } ({ $interval }), { $year }
make-priority-gap-title = Close the disadvantaged gap in { $name }
make-priority-behind-text = { $subject }: { $behind } of { $judged } pupils falling behind, { $year }
make-priority-behind-title = Fewer pupils falling behind in { $name }
make-priority-focus-text = 360 focus: { $dimension }
make-priority-focus-title = Focus on: { $name }
measure-kind-survey-scale = { $scale } (whole school)
