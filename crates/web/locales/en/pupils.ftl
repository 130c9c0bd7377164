# Pupils falling behind, and a pupil's profile.
behind-assessed = { $n ->
    [one] One pupil in this selection has an assessment in this subject this year.
   *[other] { $n } pupils in this selection have an assessment in this subject this year.
}
behind-none-own = No pupil in this selection is a grade or more behind on their latest assessment.
behind-caption-own = Pupils a grade or more behind on their own latest assessment, furthest behind first
behind-final-tag = final result
behind-expected-from = { $name } has no final results yet: each pupil's latest prediction is compared with the outcome expected of pupils with the same starting point in { $from }, the latest year with final results.
behind-range-note = In brackets after the expected outcome: the outcomes the middle half of pupils with the same starting point reach in the reference population. An expectation is an estimate, not a target.
behind-home-title = Pupils falling behind
behind-home-intro = { $name }: pupils a grade or more behind the outcome expected from their starting point, on their own latest assessment.
behind-home-subject = { $subject }: { $n ->
    [one] one pupil of { $assessed }
   *[other] { $n } pupils of { $assessed }
}
behind-home-none = No pupil is a grade or more behind.
behind-home-own-caption = Your pupils falling behind, furthest behind first
behind-home-see-all = See every pupil falling behind
pupil-back = Back
pupil-back-school = Back to { $name }
pupil-classes-caption = Classes
pupil-grid-caption = { $name }: results at each assessment, with the outcome expected from the starting point
pupil-teacher = Teacher
pupil-no-class = no class recorded
pupil-starting-point = Starting point: { $name }
pupil-no-starting-point = No starting point is recorded for this year, so no outcome is expected.
pupil-expected-range = Expected (middle half)
pupil-chart-title = { $subject }: each assessment against the expected outcome
pupil-chart-key = Key
pupil-chart-key-expected = Expected outcome
pupil-chart-key-range = Middle half of pupils with the same starting point
pupil-chart-key-result = A result (filled: the final result)
pupil-no-results = No results are recorded for this pupil.
