# The school's year at a glance: headline, what stands out, the grid, the bands, governors
overview-title = The school's year
overview-headline-title = Headline: the school's value added
overview-measure-across-name = Value added across subjects
overview-measure-across = Across { $n } subjects: each pupil's value added averaged over the subjects they sat, then over the school's pupils. 0 is the reference population's average.
overview-measure-subject = { $name }, the measure set's headline outcome.
overview-no-headline = No headline yet: no subject of this year has expectations.
overview-direction-title = Three-year direction
overview-direction-rising = Rising: { $change } from { $from } to { $to } (95% interval { $lower } to { $upper }).
overview-direction-falling = Falling: { $change } from { $from } to { $to } (95% interval { $lower } to { $upper }).
overview-direction-none = No clear change: { $change } from { $from } to { $to } (the 95% interval, { $lower } to { $upper }, includes 0).
overview-direction-unknown = A direction needs at least two years of results.
overview-history-caption = The headline by year, with 95% intervals
overview-gap-title = Disadvantaged gap (headline)
standout-title = What stands out
standout-intro = Subjects and groups of pupils whose value added differs from 0 by more than its 95% interval. Headway's own choices: the largest difference comes first, and at most three groups are named in each subject (the grid below shows them all).
standout-none = Nothing stands out: every subject's value added is within its interval of average.
standout-figure = { $label }: { $band ->
    [well-below] well below average
    [below] below average
    [above] above average
   *[well-above] well above average
} ({ $va }; 95% interval { $lower } to { $upper }){ $years ->
    [three] , for three years running.
    [two] , for two years running.
    [new] , but not the year before.
   *[one] .
}
standout-average = { $label }: average overall ({ $va }; 95% interval { $lower } to { $upper }). Among its pupils:
standout-more-groups = { $n ->
    [one] One more group stands out: see the grid.
   *[other] { $n } more groups stand out: see the grid.
}
grid-title = Subjects and groups
grid-caption = Value added by group of pupils (rows) and subject (columns), with 95% intervals
grid-region-label = Subjects and groups (the table scrolls sideways)
grid-headline-column = Headline
grid-no-pupils = none
grid-hidden-few = fewer than { $n }
grid-hidden-reveal = hidden
grid-key-above = ▲ above average: the whole interval is above 0
grid-key-below = ▼ below average: the whole interval is below 0
grid-key-none = no symbol: average, the interval includes 0
grid-key-hidden = "fewer than 6" and "hidden": too few pupils to show, or showing it would reveal a smaller group
grid-key-link = Each figure links to that subject's breakdown.
bands-title = What the bands mean
bands-intro = Value added is in grades: +1 means a grade higher than pupils in the reference population who started from the same point. The 95% interval is the range the true figure most likely lies in, given how many pupils it rests on: value added ± 1.96 × σ ÷ √n, where σ is the spread of pupils' value added in the reference population and n the number of pupils. The bands follow the Progress 8 rules:
bands-well-above = Well above average: value added above +{ $cut } and the whole interval above 0.
bands-above = Above average: value added between 0 and +{ $cut }, and the whole interval above 0.
bands-average = Average: the interval includes 0, so the difference from average could be chance.
bands-below = Below average: value added between −{ $cut } and 0, and the whole interval below 0.
bands-well-below = Well below average: value added below −{ $cut } and the whole interval below 0.
chart-hidden = hidden (see the table)
chart-key-title = Key
chart-key-estimate = Dot: the value added
chart-key-interval = Line: its 95% interval, thick and dark where the interval excludes 0 (above or below average)
chart-key-zero = Dashed line: 0, the reference population's average
chart-axis-value-added = Value added (grades); 0 = average
home-progress-detail = Progress in detail
governors-link = Summary for governors (printable)
governors-title = Summary for governors
governors-intro = A plain-language summary of pupils' progress at { $school } in { $year }. It names no pupil or member of staff, and groups with too few pupils to stay anonymous are not shown.
governors-print = To print it or save it as a PDF, use your browser's print command.
governors-headline-explained = "Value added" compares each pupil's results with those of pupils in the reference population who started from the same point: 0 is average, and +0.5 means half a grade more.
governors-gap-explained = The value added of disadvantaged pupils minus that of other pupils, on the headline measure. Below 0: disadvantaged pupils make less progress than their classmates.
governors-no-figures = There are no final results for this school yet.

# Attendance beside attainment (broad success)
overview-attendance-title = Attendance (whole school)
overview-attendance-rate = { $rate } of sessions attended (95% interval { $lower } – { $upper }).
overview-attendance-persistent = { $share } of pupils persistently absent, missing { $threshold } or more of their sessions ({ $lower } – { $upper }).
overview-attendance-link = Attendance by pupil group
grid-attendance-column = Attendance
grid-persistent-column = Persistently absent
grid-hidden-attendance = too few pupils
grid-key-attendance = The last two columns are attendance, not value added: the share of sessions attended and the share of pupils missing { $threshold } or more of their sessions, each with its 95% interval underneath.
