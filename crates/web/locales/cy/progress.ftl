# Tudalennau cynnydd — Cymraeg
progress-title = Cynnydd
progress-link = Cynnydd a gwerth ychwanegol
progress-headline = Prif ffigurau
progress-no-results = Nid oes canlyniadau terfynol ar gyfer yr ysgol hon eto. Gall rheolwr data eu mewnforio.
progress-value-added = Gwerth ychwanegol
progress-value-added-explained = Cynnydd cyfartalog o fannau cychwyn y disgyblion o'i gymharu â disgyblion y boblogaeth gyfeirio a ddechreuodd yn yr un lle, mewn graddau. 0 yw'r cyfartaledd. Y boblogaeth gyfeirio yw pob disgybl sydd â chanlyniadau yn yr un pwnc a blwyddyn yn yr ysgolion sydd gan y gosodiad hwn; lle mae tabl cyhoeddedig wedi'i fewnforio, defnyddir ei ganlyniadau disgwyliedig yn lle hynny.
progress-sigma-fitted = Mae'r cyfwng yn defnyddio σ = { $sigma }: gwasgariad gwerth ychwanegol y disgyblion yn y boblogaeth gyfeirio.
progress-sigma-measured = Mae'r cyfwng yn defnyddio σ = { $sigma }: gwasgariad gwerth ychwanegol y boblogaeth gyfeirio yn erbyn y tabl cyhoeddedig, nad oedd yn rhoi ei wyriad safonol ei hun.
progress-sigma-published = Mae'r cyfwng yn defnyddio σ = { $sigma }: y gwyriad safonol a gyhoeddwyd gyda'r tabl.
progress-contextual = Gwerth ychwanegol cyd-destunol
progress-contextual-explained = Cynnydd sydd hefyd yn ystyried cyd-destun y disgyblion (difreintedd, ADY, SIY, rhywedd, oedran, grŵp ethnig), o fodel amllefel sy'n tynnu ysgolion bach tuag at y cyfartaledd.
progress-contextual-unavailable = Nid yw ar gael ar gyfer y pwnc a'r flwyddyn hon.
progress-attainment = Cyrhaeddiad (gradd gymedrig)
progress-excluded = { $n ->
    [zero] dim disgyblion wedi'u gadael allan
    [one] { $n } disgybl heb fan cychwyn wedi'i adael allan o'r gwerth ychwanegol
    [two] { $n } ddisgybl heb fan cychwyn wedi'u gadael allan o'r gwerth ychwanegol
   *[other] { $n } disgybl heb fan cychwyn wedi'u gadael allan o'r gwerth ychwanegol
}
progress-gap = Bwlch difreintedd
progress-gap-explained = Gwerth ychwanegol disgyblion difreintiedig llai gwerth ychwanegol disgyblion eraill yn yr ysgol hon. Islaw 0: mae disgyblion difreintiedig yn gwneud llai o gynnydd.
gap-significant = Mae'r bwlch yn arwyddocaol yn ystadegol (nid yw ei gyfwng yn cynnwys 0).
gap-not-significant = Mae'r cyfwng yn cynnwys 0: gall y bwlch fod yn siawns.
gap-suppressed = { $k ->
    [two] Heb ei ddangos: mae gan un o'r ddau grŵp lai na { $k } ddisgybl.
   *[other] Heb ei ddangos: mae gan un o'r ddau grŵp lai na { $k } disgybl.
}
progress-context = Cyd-destun
progress-improvement-group = Grŵp gwella
improvement-unknown = Mae angen tair blynedd o ganlyniadau ar gyfer y grŵp gwella.
improvement-low-to-higher = Isel → cymedrol/uchel
improvement-low-to-higher-explained = Dechreuodd yn y traean isaf o ran cyrhaeddiad, gorffennodd y tu allan iddo, a gwellodd yn arwyddocaol yn ystadegol dros dair blynedd (o ran gwerth ychwanegol hefyd, lle mae'n hysbys).
improvement-moderate-to-high = Cymedrol → uchel
improvement-moderate-to-high-explained = Dechreuodd yn y traean canol, gorffennodd yn y traean uchaf, a gwellodd yn arwyddocaol dros dair blynedd (o ran gwerth ychwanegol hefyd, lle mae'n hysbys).
improvement-stable-high = Uchel sefydlog
improvement-stable-high-explained = Yn y traean uchaf o ran cyrhaeddiad bob un o'r tair blynedd, gyda gwerth ychwanegol yn hysbys bob blwyddyn a byth yn arwyddocaol is na'r cyfartaledd.
improvement-thresholds-own = Mae pob blwyddyn yn cael ei gosod yn nhraeanau ysgolion cyfeirio'r flwyddyn honno. Mae'r grwpiau'n dilyn yr astudiaeth o effaith arweinyddiaeth ysgolion (Day et al. 2009), nad oeddem yn gallu darllen ei throthwyon rhifiadol: barn Headway ei hun yw'r traeanau a'r prawf 95%.
improvement-declining = Yn dirywio
improvement-declining-explained = Gostyngodd cyrhaeddiad yn arwyddocaol dros dair blynedd.
improvement-stable = Sefydlog (ddim yn gwella)
improvement-stable-explained = Ni chododd na gostyngodd cyrhaeddiad yn arwyddocaol dros dair blynedd.
progress-subjects-title = Pynciau yn { $name }
progress-trend-title = Tuedd tair blynedd: { $name }
progress-trend-chart = Gwerth ychwanegol fesul blwyddyn gyda chyfyngau 95%
progress-trend-caption = Cyrhaeddiad a gwerth ychwanegol fesul blwyddyn, gyda chyfyngau hyder 95%
va-table-caption = { $name }: gwerth ychwanegol gyda chyfyngau hyder 95%
breakdown-disadvantaged = Disgyblion difreintiedig a disgyblion eraill
breakdown-sen = Anghenion dysgu ychwanegol
breakdown-eal = Saesneg fel iaith ychwanegol
breakdown-gender = Rhywedd
breakdown-prior-band = Cyrhaeddiad blaenorol
breakdown-class = Dosbarthiadau
breakdown-teacher = Athrawon
group-all = Pob disgybl
group-disadvantaged = Difreintiedig
group-not-disadvantaged = Heb fod yn ddifreintiedig
group-sen-none = Dim ADY
group-sen-support = Cymorth ADY
group-sen-plan = Cynllun ADY
group-eal = SIY
group-not-eal = Heb fod yn SIY
group-female = Merched
group-male = Bechgyn
group-gender-other = Rhywedd arall
group-prior-low = Cyrhaeddiad blaenorol isel
group-prior-middle = Cyrhaeddiad blaenorol canolig
group-prior-high = Cyrhaeddiad blaenorol uchel
band-well-above = Ymhell uwchlaw'r cyfartaledd
band-above = Uwchlaw'r cyfartaledd
band-average = Cyfartalog
band-below = Islaw'r cyfartaledd
band-well-below = Ymhell islaw'r cyfartaledd
col-group = Grŵp
col-value-added = Gwerth ychwanegol
col-interval = Cyfwng 95%
col-ci-lower = Terfyn isaf 95%
col-ci-upper = Terfyn uchaf 95%
col-band = Band
col-expected = Disgwyliedig
col-latest = Diweddaraf
col-difference = Gwahaniaeth
col-change = Newid ers y tro diwethaf
col-assessment = Asesiad
ci-95 = Cyfwng 95%
field-year = Blwyddyn
field-subject = Pwnc
field-group = Grŵp disgyblion
show-button = Dangos
export-label = Lawrlwytho'r tabl hwn:
behind-title = Disgyblion sy'n llithro ar ei hôl hi
behind-link = Disgyblion sy'n llithro ar ei hôl hi yn yr asesiad interim diweddaraf
behind-intro = Caiff pob disgybl ei farnu ar ei asesiad diweddaraf ei hun yn y pwnc: ei ganlyniad terfynol pan fydd ganddo un (mae'n disodli pob rhagfynegiad), fel arall ei ragfynegiad interim diweddaraf. Caiff disgybl ei restru pan fydd o leiaf un radd islaw'r canlyniad a ddisgwylid o'i fan cychwyn.
behind-no-interim = Nid oes asesiadau interim wedi'u cofnodi ar gyfer yr ysgol hon eto.
behind-none = Nid oes disgyblion yn y dewis hwn sydd gradd neu fwy ar ei hôl hi yn { $name }.
behind-caption = Disgyblion gradd neu fwy ar ei hôl hi yn { $name }, y pellaf ar ei hôl hi yn gyntaf
filter-all-classes = Pob dosbarth
filter-group-all = Pob disgybl
filter-group-disadvantaged = Difreintiedig
filter-group-sen = ADY
filter-group-eal = SIY
filter-group-female = Merched
filter-group-male = Bechgyn
pupil-context = Cyd-destun
pupil-id = Dynodwr disgybl
pupil-cohort = Carfan
pupil-sen = ADY
pupil-eal = SIY
pupil-prior = Man cychwyn
pupil-results-caption = Canlyniadau dros amser, gyda'r canlyniad a ddisgwylid o'r man cychwyn
kind-baseline = man cychwyn
kind-interim = interim
kind-final = terfynol
reference-too-few-pupils = Nifer y disgyblion yn y boblogaeth gyfeirio sydd â man cychwyn a chanlyniad: { $found }. Mae angen o leiaf { $needed } i osod disgwyliadau (mewnforiwch dabl disgwyliadau cyhoeddedig yn lle hynny).
reference-too-few-in-published-groups = Nifer y disgyblion yn y boblogaeth gyfeirio sydd â chanlyniad a man cychwyn o fewn grwpiau'r tabl cyhoeddedig: { $found }. Mae angen o leiaf 2 i fesur gwasgariad y gwerth ychwanegol.
reference-not-fitted = Nid oedd modd gosod disgwyliadau o'r boblogaeth gyfeirio ar gyfer y flwyddyn a'r pwnc hwn.
grades-note = Graddau: { $name }, pob un gyda'r rhif a gedwir ar ei chyfer.
col-contextual = Gwerth ychwanegol cyd-destunol
col-contextual-interval = Cyfwng 95% cyd-destunol
col-contextual-lower = Terfyn 95% isaf cyd-destunol
col-contextual-upper = Terfyn 95% uchaf cyd-destunol
contextual-column-explained = Gwerth ychwanegol cyd-destunol grŵp: sut y gwnaeth ei ddisgyblion o'u cymharu â disgyblion y boblogaeth gyfeirio a oedd â'r un man cychwyn a'r un cyd-destun, gan gynnwys effaith yr ysgol hon ei hun, gyda'i gyfwng 95%. Lle mae'r gwerth ychwanegol wedi'i guddio, mae'r gwerth ychwanegol cyd-destunol wedi'i guddio hefyd.
contextual-unavailable-no-context = Nid yw gwerth ychwanegol cyd-destunol ar gael: nid oes gan yr un disgybl yn y boblogaeth gyfeirio bob rhan o'i gyd-destun wedi'i chofnodi (difreintedd, ADY, SIY, rhywedd, dyddiad geni).
contextual-unavailable-one-school = Nid yw gwerth ychwanegol cyd-destunol ar gael: mae holl ddisgyblion y boblogaeth gyfeirio sydd â'u cyd-destun wedi'i gofnodi mewn un ysgol, felly ni ellir cymharu ysgolion.
contextual-unavailable-not-fitted = Nid yw gwerth ychwanegol cyd-destunol ar gael: ni ellid ffitio'r model ar gyfer y pwnc a'r flwyddyn hon.
contextual-unavailable-school = Nid yw gwerth ychwanegol cyd-destunol ar gael: nid oes gan yr un disgybl yn yr ysgol hon bob rhan o'i gyd-destun wedi'i chofnodi.
progress-reading-title = Darllen y ffigurau hyn
contextual-terms-title = Yr hyn y mae'r model cyd-destunol yn ei ystyried
contextual-terms-caption = Termau'r model cyd-destunol: y gwahaniaeth y mae pob un yn ei wneud i'r canlyniad disgwyliedig, gyda'i gyfeiliornad safonol
contextual-terms-ethnicity = Cymherir pob grŵp ethnig â grŵp mwyaf y boblogaeth gyfeirio, { $reference }. Mae disgyblion heb grŵp ethnig wedi'i gofnodi yn grŵp ar eu pennau eu hunain, felly ni adewir neb allan.
col-term = Term
col-estimate = Amcangyfrif
col-se = Cyfeiliornad safonol
term-intercept = Y canlyniad disgwyliedig ar y man cychwyn cyfartalog (rhyngdoriad)
term-prior = Man cychwyn (fesul pwynt uwchlaw'r cyfartaledd)
term-prior-squared = Man cychwyn, wedi'i sgwario
term-disadvantaged = Difreintiedig
term-sen-support = Cymorth ADY
term-sen-plan = Cynllun ADY
term-eal = SIY
term-female = Merched
term-age-months = Oedran yn y flwyddyn (fesul mis yn hŷn)
term-ethnicity = Grŵp ethnig: { $group }
ethnicity-not-recorded = heb ei gofnodi
suppression-note-default = { $k ->
    [two] Mae ffigurau sy'n seiliedig ar lai na { $k } ddisgybl wedi'u cuddio, a hefyd unrhyw ffigur a fyddai'n eu datgelu (gwerth diofyn Headway; gall eich gosodiad ei newid gyda'r gosodiad suppress_groups_below).
   *[other] Mae ffigurau sy'n seiliedig ar lai na { $k } disgybl wedi'u cuddio, a hefyd unrhyw ffigur a fyddai'n eu datgelu (gwerth diofyn Headway; gall eich gosodiad ei newid gyda'r gosodiad suppress_groups_below).
}
suppression-note-configured = { $k ->
    [two] Mae ffigurau sy'n seiliedig ar lai na { $k } ddisgybl wedi'u cuddio, a hefyd unrhyw ffigur a fyddai'n eu datgelu (y trothwy a bennwyd ar gyfer y gosodiad hwn).
   *[other] Mae ffigurau sy'n seiliedig ar lai na { $k } disgybl wedi'u cuddio, a hefyd unrhyw ffigur a fyddai'n eu datgelu (y trothwy a bennwyd ar gyfer y gosodiad hwn).
}
# Broad success on the progress page (issue 17, item 8).
progress-broad-success = Llwyddiant eang: llesiant y disgyblion
progress-broad-success-about = Mae llwyddiant yn ehangach na sgorau profion: mae llesiant ac ymgysylltiad y disgyblion yn ganlyniadau ynddynt eu hunain. Dyma a ddywedodd y disgyblion yn arolwg yr ysgol ei hun, nid mesur o gynnydd.
progress-well-being = Llesiant (graddfa arolwg y disgyblion, 1–5)
progress-well-being-n = { $n ->
    [zero] { $n } disgybl â sgôr
    [one] { $n } disgybl â sgôr
    [two] { $n } ddisgybl â sgôr
    [few] { $n } disgybl â sgôr
    [many] { $n } disgybl â sgôr
   *[other] { $n } disgybl â sgôr
}
progress-well-being-source = O { $survey }, a gaeodd { $date }: arolwg diweddaraf y disgyblion y mae ei ganlyniadau wedi'u rhyddhau.
progress-well-being-link = Canlyniadau'r arolwg
