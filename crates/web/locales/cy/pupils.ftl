# Disgyblion sy'n llithro ar ei hôl hi, a phroffil disgybl.
behind-assessed = { $n ->
    [zero] Nid oes gan unrhyw ddisgybl yn y dewis hwn asesiad yn y pwnc hwn eleni.
    [one] Mae gan un disgybl yn y dewis hwn asesiad yn y pwnc hwn eleni.
    [two] Mae gan ddau ddisgybl yn y dewis hwn asesiad yn y pwnc hwn eleni.
   *[other] Mae gan { $n } o ddisgyblion yn y dewis hwn asesiad yn y pwnc hwn eleni.
}
behind-none-own = Nid oes unrhyw ddisgybl yn y dewis hwn gradd neu fwy ar ei hôl hi ar ei asesiad diweddaraf.
behind-caption-own = Disgyblion gradd neu fwy ar ei hôl hi ar eu hasesiad diweddaraf eu hunain, y pellaf ar ei hôl hi yn gyntaf
behind-final-tag = canlyniad terfynol
behind-expected-from = Nid oes canlyniadau terfynol ar gyfer { $name } eto: cymherir rhagfynegiad diweddaraf pob disgybl â'r canlyniad a ddisgwylir gan ddisgyblion â'r un man cychwyn yn { $from }, y flwyddyn ddiweddaraf â chanlyniadau terfynol.
behind-range-note = Mewn cromfachau ar ôl y canlyniad disgwyliedig: y canlyniadau y mae hanner canol y disgyblion sydd â'r un man cychwyn yn eu cyrraedd yn y boblogaeth gyfeirio. Amcangyfrif yw disgwyliad, nid targed.
behind-home-title = Disgyblion sy'n llithro ar ei hôl hi
behind-home-intro = { $name }: disgyblion gradd neu fwy islaw'r canlyniad a ddisgwylid o'u man cychwyn, ar eu hasesiad diweddaraf eu hunain.
behind-home-subject = { $subject }: { $n ->
    [zero] dim disgybl o { $assessed }
    [one] un disgybl o { $assessed }
    [two] dau ddisgybl o { $assessed }
   *[other] { $n } o ddisgyblion o { $assessed }
}
behind-home-none = Nid oes unrhyw ddisgybl gradd neu fwy ar ei hôl hi.
behind-home-own-caption = Eich disgyblion sy'n llithro ar ei hôl hi, y pellaf ar ei hôl hi yn gyntaf
behind-home-see-all = Gweld pob disgybl sy'n llithro ar ei hôl hi
pupil-back = Yn ôl
pupil-back-school = Yn ôl i { $name }
pupil-classes-caption = Dosbarthiadau
pupil-grid-caption = { $name }: canlyniadau ym mhob asesiad, gyda'r canlyniad a ddisgwylid o'r man cychwyn
pupil-teacher = Athro
pupil-no-class = dim dosbarth wedi'i gofnodi
pupil-starting-point = Man cychwyn: { $name }
pupil-no-starting-point = Nid oes man cychwyn wedi'i gofnodi ar gyfer y flwyddyn hon, felly nid oes canlyniad disgwyliedig.
pupil-expected-range = Disgwyliedig (hanner canol)
pupil-chart-title = { $subject }: pob asesiad o'i gymharu â'r canlyniad disgwyliedig
pupil-chart-key = Allwedd
pupil-chart-key-expected = Canlyniad disgwyliedig
pupil-chart-key-range = Hanner canol y disgyblion sydd â'r un man cychwyn
pupil-chart-key-result = Canlyniad (wedi'i lenwi: y canlyniad terfynol)
pupil-no-results = Nid oes canlyniadau wedi'u cofnodi ar gyfer y disgybl hwn.
