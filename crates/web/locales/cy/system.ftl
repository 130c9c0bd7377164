# Llawer o ysgolion ar unwaith: golwg arweinydd clwstwr, ymddiriedolaeth, ardal neu system.

system-title = Ysgolion ochr yn ochr
system-link = Ysgolion ochr yn ochr: gwerth ychwanegol, bylchau, gwella a lle mae angen cymorth fwyaf
system-intro = Gwerth ychwanegol pennawd pob ysgol gyda'i gyfwng 95%, ei bwlch difreintedd, ei grŵp gwella, ei phresenoldeb a blaenoriaethau ei chynllun. Nid yw'r ysgolion yn cael eu gosod mewn trefn safle: darllenir amcangyfrif gyda'i gyfwng, ac ni ellir gwahaniaethu rhwng ysgolion y mae eu cyfyngau'n gorgyffwrdd.
system-year = Ffigurau { $name }, y flwyddyn ddiweddaraf â chanlyniadau terfynol.
system-filter-all-phases = Pob cyfnod
system-filter-all-bands = Pob band PYDd
system-shown = Yn dangos { $n } o'r { $all } ysgol.
system-no-schools = Nid oes ysgol yn cyfateb i'r dewis hwn.
system-no-results = dim canlyniadau terfynol yn y flwyddyn hon
system-export-file = { $org } – ysgolion ochr yn ochr – { $year }

system-support-title = Lle mae angen cymorth fwyaf
system-support-rule = Ysgolion y mae eu gwerth ychwanegol pennawd yn arwyddocaol is na'r cyfartaledd (y cyfwng 95% cyfan o dan 0) ac nad ydynt yn gwella: yn y grŵp "yn dirywio" neu "sefydlog (ddim yn gwella)" dros dair blynedd neu, gyda llai na thair blynedd, heb gynnydd arwyddocaol mewn gwerth ychwanegol. Dangosir pob un gyda'r cyd-destun a allai ei esbonio.
system-support-none = Nid oes ysgol yn y golwg sy'n arwyddocaol is na'r cyfartaledd ac nad yw'n gwella.
system-support-finding = Gwerth ychwanegol { $va } ({ $interval }), yn arwyddocaol is na'r cyfartaledd; { $trend ->
    [declining] mae cyrhaeddiad wedi gostwng yn arwyddocaol dros dair blynedd.
    [stable] nid yw cyrhaeddiad wedi codi na gostwng yn arwyddocaol dros dair blynedd.
    [falling] mae gwerth ychwanegol wedi gostwng yn arwyddocaol dros y blynyddoedd a ddangosir.
   *[other] nid yw gwerth ychwanegol yn dangos newid clir dros y blynyddoedd a ddangosir.
}
system-support-yes = Yn arwyddocaol is na'r cyfartaledd a ddim yn gwella
system-context-fsm = Band PYDd { $band }: mae { $share } o'r disgyblion yn gymwys i gael prydau ysgol am ddim.
system-context-gap = Gwerth ychwanegol disgyblion difreintiedig llai gwerth ychwanegol disgyblion eraill: { $gap } ({ $interval }).
system-context-gap-hidden = Ni ddangosir y bwlch difreintedd (rhy ychydig o ddisgyblion mewn grŵp).
system-context-head = { $n ->
    [zero] Pennaeth yn y swydd ers llai na blwyddyn.
    [one] Pennaeth yn y swydd ers { $n } flwyddyn.
    [two] Pennaeth yn y swydd ers { $n } flynedd.
   *[other] Pennaeth yn y swydd ers { $n } o flynyddoedd.
}
system-context-plan = { $plan }: { $priorities }.
system-context-plan-empty = { $name }: dim blaenoriaethau eto.
system-context-no-plan = Dim cynllun gwella wedi'i gofnodi.

system-chart-title = Gwerth ychwanegol pennawd: { $measure }, { $year }
system-chart-axis = Gwerth ychwanegol pennawd; 0 = cyfartaledd
system-chart-description = Gwerth ychwanegol { $measure } { $n ->
    [one] un ysgol
   *[other] { $n } ysgol
}, pob un yn ddot gyda'i gyfwng 95%, yr isaf yn gyntaf. Mae'r llinell doredig yn nodi 0, cyfartaledd y boblogaeth gyfeirio; mae ysgol y mae ei chyfwng yn gyfan gwbl i'r chwith ohoni yn arwyddocaol is na'r cyfartaledd, ac yn gyfan gwbl i'r dde yn arwyddocaol uwch. Nid safle yw'r drefn: ni ellir gwahaniaethu rhwng cyfyngau sy'n gorgyffwrdd.
system-chart-table = Ffigurau'r siart: { $name }

system-table-title = Ffigurau'r ysgolion
system-table-caption = Ffigurau pennawd pob ysgol gyda'u cyfyngau 95%
system-col-measure = Mesur pennawd
system-col-gap = Bwlch difreintedd
system-col-gap-lower = Bwlch: cyfwng 95%, isaf
system-col-gap-upper = Bwlch: cyfwng 95%, uchaf
system-col-attendance = Presenoldeb
system-col-similar = O'i chymharu ag ysgolion tebyg
system-col-support = Mwyaf o angen cymorth
system-col-priorities = Blaenoriaethau'r cynllun
system-col-own = Gwerth ychwanegol
system-gap-significant = arwyddocaol
system-gap-hidden = heb ei ddangos
system-improvement-unknown = ddim yn hysbys eto (angen tair blynedd)
system-improvement-note = Mae'r grŵp gwella dros dair blynedd ddiweddaraf pob ysgol, pob pwnc gyda'i gilydd.
system-no-plan = dim cynllun
system-plan-heading = Cynllun { $year } ({ $state })

system-similar-title = O'u cymharu ag ysgolion tebyg
system-similar-rule = Ysgolion tebyg yw'r ysgolion eraill yn y golwg yn yr un band PYDd sydd â ffigur wedi'i ddangos ar yr un mesur pennawd. Eu gwerth ychwanegol gyda'i gilydd yw'r cymedr dros eu holl ddisgyblion; darllenir y gwahaniaeth gyda'i gyfwng 95%. Gadewir allan ysgol y mae ei ffigur wedi'i guddio, fel na ellir cyfrifo unrhyw ffigur cudd.
system-similar-band = Band PYDd { $band }
system-similar-none = Nid oes ysgol debyg yn y golwg i'w chymharu â hi.
system-similar-sentence = { $n ->
    [one] Yr ysgol arall ym mand PYDd { $band }
   *[other] Y { $n } ysgol arall ym mand PYDd { $band }
}: { $theirs } ({ $their_interval }). Gwahaniaeth { $difference } ({ $difference_interval }): { $verdict ->
    [above] yn arwyddocaol uwch nag ysgolion tebyg.
    [below] yn arwyddocaol is nag ysgolion tebyg.
   *[other] dim gwahaniaeth clir i ysgolion tebyg.
}
