# Blwyddyn yr ysgol ar yr olwg gyntaf: prif ffigur, beth sy'n sefyll allan, y grid, y bandiau, llywodraethwyr
overview-title = Blwyddyn yr ysgol
overview-headline-title = Prif ffigur: gwerth ychwanegol yr ysgol
overview-measure-across-name = Gwerth ychwanegol ar draws pynciau
overview-measure-across = Ar draws { $n } pwnc: gwerth ychwanegol pob disgybl ar gyfartaledd dros y pynciau a safodd, yna ar gyfartaledd dros ddisgyblion yr ysgol. 0 yw cyfartaledd y boblogaeth gyfeirio.
overview-measure-subject = { $name }, prif ganlyniad y set fesurau.
overview-no-headline = Dim prif ffigur eto: nid oes disgwyliadau ar gyfer unrhyw bwnc yn y flwyddyn hon.
overview-direction-title = Cyfeiriad dros dair blynedd
overview-direction-rising = Yn codi: { $change } o { $from } i { $to } (cyfwng 95% { $lower } i { $upper }).
overview-direction-falling = Yn gostwng: { $change } o { $from } i { $to } (cyfwng 95% { $lower } i { $upper }).
overview-direction-none = Dim newid clir: { $change } o { $from } i { $to } (mae'r cyfwng 95%, { $lower } i { $upper }, yn cynnwys 0).
overview-direction-unknown = Mae angen o leiaf dwy flynedd o ganlyniadau i weld cyfeiriad.
overview-history-caption = Y prif ffigur fesul blwyddyn, gyda chyfyngau 95%
overview-gap-title = Bwlch difreintedd (prif ffigur)
standout-title = Beth sy'n sefyll allan
standout-intro = Pynciau a grwpiau o ddisgyblion y mae eu gwerth ychwanegol yn wahanol i 0 o fwy na'i gyfwng 95%. Dewisiadau Headway ei hun: daw'r gwahaniaeth mwyaf yn gyntaf, ac enwir hyd at dri grŵp ym mhob pwnc (mae'r grid isod yn eu dangos i gyd).
standout-none = Nid oes dim yn sefyll allan: mae gwerth ychwanegol pob pwnc o fewn ei gyfwng i'r cyfartaledd.
standout-figure = { $label }: { $band ->
    [well-below] ymhell islaw'r cyfartaledd
    [below] islaw'r cyfartaledd
    [above] uwchlaw'r cyfartaledd
   *[well-above] ymhell uwchlaw'r cyfartaledd
} ({ $va }; cyfwng 95% { $lower } i { $upper }){ $years ->
    [three] , am dair blynedd yn olynol.
    [two] , am ddwy flynedd yn olynol.
    [new] , ond nid yn y flwyddyn flaenorol.
   *[one] .
}
standout-average = { $label }: cyfartalog ar y cyfan ({ $va }; cyfwng 95% { $lower } i { $upper }). Ymhlith y disgyblion:
standout-more-groups = { $n ->
    [one] Mae { $n } grŵp arall yn sefyll allan: gweler y grid.
    [two] Mae { $n } grŵp arall yn sefyll allan: gweler y grid.
   *[other] Mae { $n } grŵp arall yn sefyll allan: gweler y grid.
}
grid-title = Pynciau a grwpiau
grid-caption = Gwerth ychwanegol fesul grŵp o ddisgyblion (rhesi) a phwnc (colofnau), gyda chyfyngau 95%
grid-region-label = Pynciau a grwpiau (mae'r tabl yn sgrolio i'r ochr)
grid-headline-column = Prif ffigur
grid-no-pupils = dim
grid-hidden-few = llai na { $n }
grid-hidden-reveal = wedi'i guddio
grid-key-above = ▲ uwchlaw'r cyfartaledd: mae'r cyfwng cyfan uwchlaw 0
grid-key-below = ▼ islaw'r cyfartaledd: mae'r cyfwng cyfan islaw 0
grid-key-none = dim symbol: cyfartalog, mae'r cyfwng yn cynnwys 0
grid-key-hidden = "llai na 6" a "wedi'i guddio": rhy ychydig o ddisgyblion i'w dangos, neu byddai ei ddangos yn datgelu grŵp llai
grid-key-link = Mae pob ffigur yn arwain at ddadansoddiad y pwnc hwnnw.
bands-title = Beth mae'r bandiau'n ei olygu
bands-intro = Mae gwerth ychwanegol mewn graddau: mae +1 yn golygu gradd yn uwch na disgyblion yn y boblogaeth gyfeirio a ddechreuodd o'r un man. Y cyfwng 95% yw'r ystod y mae'r gwir ffigur yn fwyaf tebygol o fod ynddi, o ystyried nifer y disgyblion: gwerth ychwanegol ± 1.96 × σ ÷ √n, lle mae σ yn wasgariad gwerth ychwanegol disgyblion yn y boblogaeth gyfeirio ac n yn nifer y disgyblion. Mae'r bandiau'n dilyn rheolau Progress 8:
bands-well-above = Ymhell uwchlaw'r cyfartaledd: gwerth ychwanegol uwchlaw +{ $cut } a'r cyfwng cyfan uwchlaw 0.
bands-above = Uwchlaw'r cyfartaledd: gwerth ychwanegol rhwng 0 a +{ $cut }, a'r cyfwng cyfan uwchlaw 0.
bands-average = Cyfartalog: mae'r cyfwng yn cynnwys 0, felly gall y gwahaniaeth o'r cyfartaledd fod yn siawns.
bands-below = Islaw'r cyfartaledd: gwerth ychwanegol rhwng −{ $cut } a 0, a'r cyfwng cyfan islaw 0.
bands-well-below = Ymhell islaw'r cyfartaledd: gwerth ychwanegol islaw −{ $cut } a'r cyfwng cyfan islaw 0.
chart-hidden = wedi'i guddio (gweler y tabl)
chart-key-title = Allwedd
chart-key-estimate = Cylch: y gwerth ychwanegol
chart-key-interval = Llinell: ei gyfwng 95%, yn drwchus ac yn dywyll lle nad yw'r cyfwng yn cynnwys 0 (uwchlaw neu islaw'r cyfartaledd)
chart-key-zero = Llinell doredig: 0, cyfartaledd y boblogaeth gyfeirio
chart-axis-value-added = Gwerth ychwanegol (graddau); 0 = cyfartaledd
home-progress-detail = Cynnydd yn fanwl
governors-link = Crynodeb i lywodraethwyr (i'w argraffu)
governors-title = Crynodeb i lywodraethwyr
governors-intro = Crynodeb mewn iaith glir o gynnydd disgyblion { $school } yn { $year }. Nid yw'n enwi unrhyw ddisgybl nac aelod o staff, ac ni ddangosir grwpiau sydd â rhy ychydig o ddisgyblion i aros yn ddienw.
governors-print = I'w argraffu neu ei gadw fel PDF, defnyddiwch orchymyn argraffu eich porwr.
governors-headline-explained = Mae "gwerth ychwanegol" yn cymharu canlyniadau pob disgybl â rhai disgyblion yn y boblogaeth gyfeirio a ddechreuodd o'r un man: 0 yw'r cyfartaledd, ac mae +0.5 yn golygu hanner gradd yn fwy.
governors-gap-explained = Gwerth ychwanegol disgyblion difreintiedig llai gwerth ychwanegol disgyblion eraill, ar y prif fesur. Islaw 0: mae disgyblion difreintiedig yn gwneud llai o gynnydd na'u cyd-ddisgyblion.
governors-no-figures = Nid oes canlyniadau terfynol ar gyfer yr ysgol hon eto.

# Presenoldeb wrth ochr cyrhaeddiad (llwyddiant ehangach)
overview-attendance-title = Presenoldeb (yr ysgol gyfan)
overview-attendance-rate = Mynychwyd { $rate } o'r sesiynau (cyfwng 95% { $lower } – { $upper }).
overview-attendance-persistent = Roedd { $share } o'r disgyblion yn absennol yn barhaus, yn colli { $threshold } neu fwy o'u sesiynau ({ $lower } – { $upper }).
overview-attendance-link = Presenoldeb yn ôl grŵp disgyblion
grid-attendance-column = Presenoldeb
grid-persistent-column = Absennol yn barhaus
grid-hidden-attendance = rhy ychydig o ddisgyblion
grid-key-attendance = Presenoldeb yw'r ddwy golofn olaf, nid gwerth ychwanegol: cyfran y sesiynau a fynychwyd a chyfran y disgyblion sy'n colli { $threshold } neu fwy o'u sesiynau, pob un â'i gyfwng 95% oddi tano.
