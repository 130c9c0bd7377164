# Mesurau cynllun: eu mathau, eu statws mewn geiriau sy'n parchu'r cyfwng, cynnydd tuag at
# ystod darged, pam nad oes darlleniad, siart a cherdyn y mesur, a'r ddolen "Gwneud hyn yn
# flaenoriaeth".
measure-kind-value-added = Gwerth ychwanegol yn { $subject }
measure-kind-value-added-group = Gwerth ychwanegol yn { $subject }: { $group }
measure-kind-contextual-value-added = Gwerth ychwanegol cyd-destunol yn { $subject }
measure-kind-disadvantaged-gap = Y bwlch difreintedd yn { $subject }
measure-kind-falling-behind = Cyfran y disgyblion sy'n llithro ar ei hôl hi yn { $subject }
measure-kind-falling-behind-all = Cyfran y disgyblion sy'n llithro ar ei hôl hi mewn unrhyw bwnc
measure-kind-falling-behind-group = Cyfran y disgyblion sy'n llithro ar ei hôl hi yn { $subject }: { $group }
measure-kind-attendance = Presenoldeb
measure-kind-attendance-group = Presenoldeb: { $group }
measure-kind-leadership-360 = Arweinyddiaeth 360: { $dimension } (pawb arall)
measure-kind-manual = Wedi'i gofnodi â llaw: { $unit }
measure-status-improved = Wedi gwella: nid yw cyfwng y newid yn cynnwys dim newid
measure-status-declined = Wedi dirywio: nid yw cyfwng y newid yn cynnwys dim newid
measure-status-no-clear-change = Dim newid y gallwn fod yn sicr ohono eto: mae cyfwng y newid yn cynnwys dim newid
measure-status-no-baseline = Dim llinell sylfaen eto i gymharu â hi
measure-status-unavailable = Dim gwerth ar hyn o bryd
measure-target-met = Targed wedi'i gyrraedd: mae'r cyfwng cyfan o fewn yr ystod darged
measure-target-on-the-way = Ar y ffordd: mae'r cyfwng yn gorgyffwrdd â'r ystod darged, ond nid yw o'i mewn eto
measure-target-not-yet = Dim yno eto: mae'r cyfwng cyfan yn brin o'r ystod darged
measure-target-beyond = Y tu hwnt i'r targed: mae'r cyfwng cyfan wedi mynd heibio i'r ystod darged
measure-unavailable-no-data = Dim ffigur ar gyfer hyn eto: nid yw'r data sydd ei angen i mewn (mae gwerth ychwanegol a'r bwlch difreintedd yn aros am ganlyniadau terfynol y flwyddyn).
measure-unavailable-no-reference = Nid oes disgwyliadau cyfeirio i farnu disgyblion yn eu herbyn ar gyfer y flwyddyn a'r pwnc hwn.
measure-unavailable-suppressed = Wedi'i guddio i ddiogelu anhysbysrwydd disgyblion ac ymatebwyr: rhy ychydig, neu byddai'n datgelu grŵp llai.
measure-unavailable-no-interval = Nid oes cyfwng i'r ffigur hwn (er enghraifft, un ymatebydd yn unig), felly nid yw'n cael ei ddangos fel mesur.
measure-unavailable-not-for-groups = Mae'r model cyd-destunol yn rhoi effaith yr ysgol, nid effaith grŵp o ddisgyblion.
measure-unavailable-unknown = Nid yw'r data'n adnabod y pwnc, y grŵp o ddisgyblion na'r dimensiwn hwn.
measure-unavailable-not-permitted = Dim ond yr arweinydd y mae'n ei ddisgrifio sy'n gweld 360, felly nid yw'n cael ei ddarllen o'r newydd i chi: mae'r cynllun yn dangos y gwerthoedd a gofnododd yr arweinydd hwnnw wrth gytuno ar y cynllun ac ym mhob adolygiad.
measure-interval = { $lower } i { $upper }
measure-current = Nawr
measure-baseline = Llinell sylfaen
measure-target = Targed
measure-target-range = Ystod darged: { $lower } i { $upper }
measure-change = Newid ers y llinell sylfaen
measure-no-target = Dim targed wedi'i osod
measure-chart-title = { $name } dros amser: y llinell sylfaen, yr ystod darged a phob adolygiad gyda'i gyfwng 95%
measure-chart-caption = { $name }: pob darlleniad gyda'i gyfwng 95%
measure-col-when = Pryd
measure-col-estimate = Amcangyfrif
measure-col-status = Statws
measure-key-estimate = Cylch: y darlleniad
measure-key-interval = Wisger: ei gyfwng 95%
measure-key-baseline = Sgwâr: y llinell sylfaen, gyda'i chyfwng
measure-key-target = Band wedi'i liwio: yr ystod darged
measure-key-unavailable = Mae adolygiad heb werth yn dweud pam, ac nid oes wisger iddo
measure-pupils = Yn seiliedig ar { $n ->
    [zero] ddim disgyblion nac ymatebwyr
    [one] un disgybl neu ymatebydd
    [two] ddau ddisgybl neu ymatebydd
    [few] { $n } disgybl neu ymatebydd
    [many] { $n } disgybl neu ymatebydd
   *[other] { $n } o ddisgyblion neu ymatebwyr
}
make-priority = Gwneud hyn yn flaenoriaeth
make-priority-label = Gwneud hyn yn flaenoriaeth: { $name }
make-priority-va-text = { $subject }: gwerth ychwanegol { $value } ({ $interval }), { $year }
make-priority-va-title = Codi gwerth ychwanegol yn { $name }
make-priority-gap-text = { $subject }: bwlch difreintedd { $value } ({ $interval }), { $year }
make-priority-gap-title = Cau'r bwlch difreintedd yn { $name }
make-priority-behind-text = { $subject }: { $behind } o { $judged } o ddisgyblion yn llithro ar ei hôl hi, { $year }
make-priority-behind-title = Llai o ddisgyblion yn llithro ar ei hôl hi yn { $name }
make-priority-focus-text = Ffocws 360: { $dimension }
make-priority-focus-title = Canolbwyntio ar: { $name }
measure-kind-survey-scale = { $scale } (yr ysgol gyfan)
