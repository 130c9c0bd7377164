# Many schools at once: a cluster, trust, district or system leader's view.

system-title = Schools side by side
system-link = Schools side by side: value added, gaps, improvement and where support is most needed
system-intro = Each school's headline value added with its 95% interval, its disadvantaged gap, improvement group, attendance and plan priorities. Schools are not ranked: an estimate is read with its interval, and schools whose intervals overlap cannot be told apart.
system-year = Figures for { $name }, the latest year with final results.
system-filter-all-phases = All phases
system-filter-all-bands = All FSM bands
system-shown = { $n ->
    [one] Showing { $n } school of { $all }.
   *[other] Showing { $n } schools of { $all }.
}
system-no-schools = No school matches this choice.
system-no-results = no final results this year
system-export-file = { $org } – schools side by side – { $year }

system-support-title = Where support is most needed
system-support-rule = Schools whose headline value added is significantly below average (the whole 95% interval below 0) and that are not improving: in the "declining" or "stable (not improving)" group over three years or, with fewer than three years, with no significant rise in value added. Each is shown with the context that may explain it.
system-support-none = No school in view is both significantly below average and not improving.
system-support-finding = Value added { $va } ({ $interval }), significantly below average; { $trend ->
    [declining] attainment has fallen significantly over three years.
    [stable] attainment has neither risen nor fallen significantly over three years.
    [falling] value added has fallen significantly over the years shown.
   *[other] value added shows no clear change over the years shown.
}
system-support-yes = Significantly below average and not improving
system-context-fsm = FSM band { $band }: { $share } of pupils eligible for free school meals.
system-context-gap = Disadvantaged pupils' value added minus other pupils': { $gap } ({ $interval }).
system-context-gap-hidden = The disadvantaged gap is not shown (too few pupils in a group).
system-context-head = { $n ->
    [zero] Head in post for less than a year.
    [one] Head in post for { $n } year.
   *[other] Head in post for { $n } years.
}
system-context-plan = { $plan }: { $priorities }.
system-context-plan-empty = { $name }: no priorities yet.
system-context-no-plan = No improvement plan recorded.

system-chart-title = Headline value added: { $measure }, { $year }
system-chart-axis = Headline value added; 0 = average
system-chart-description = { $n ->
    [one] One school's
   *[other] { $n } schools'
} { $measure } value added, each as a dot with its 95% interval, lowest first. The dashed line marks 0, the average of the reference population; a school whose interval lies wholly left of it is significantly below average, wholly right significantly above. The order is not a ranking: overlapping intervals cannot be told apart.
system-chart-table = The figures of the chart: { $name }

system-table-title = The schools' figures
system-table-caption = Each school's headline figures with their 95% intervals
system-col-measure = Headline measure
system-col-gap = Disadvantaged gap
system-col-gap-lower = Gap: 95% interval, lower
system-col-gap-upper = Gap: 95% interval, upper
system-col-attendance = Attendance
system-col-similar = Compared with similar schools
system-col-support = Support most needed
system-col-priorities = Plan priorities
system-col-own = Value added
system-gap-significant = significant
system-gap-hidden = not shown
system-improvement-unknown = not yet known (needs three years)
system-improvement-note = The improvement group is over each school's latest three years, all subjects together.
system-no-plan = no plan
system-plan-heading = Plan { $year } ({ $state })

system-similar-title = Compared with similar schools
system-similar-rule = Similar schools are the other schools in view in the same FSM band with a shown figure on the same headline measure. Their value added together is the mean over all their pupils; the difference is read with its 95% interval. A school whose figure is hidden is left out, so no hidden figure can be worked out.
system-similar-band = FSM band { $band }
system-similar-none = No similar school in view to compare with.
system-similar-sentence = { $n ->
    [one] The other school in FSM band { $band }
   *[other] The { $n } other schools in FSM band { $band }
}: { $theirs } ({ $their_interval }). Difference { $difference } ({ $difference_interval }): { $verdict ->
    [above] significantly above similar schools.
    [below] significantly below similar schools.
   *[other] no clear difference from similar schools.
}
