attendance-title = Presenoldeb ac ymddygiad
attendance-link = Presenoldeb ac ymddygiad: llwyddiant ehangach ochr yn ochr â chyrhaeddiad
attendance-about = Llwyddiant ehangach ochr yn ochr â chyrhaeddiad: pa mor aml y mynychodd disgyblion y sesiynau y gallent fod wedi'u mynychu, faint oedd yn absennol yn barhaus, wedi'u gwahardd neu'n rhan o ddigwyddiadau ymddygiad, o daflenni presenoldeb yr ysgol.
attendance-none = Nid oes gan yr ysgol hon bresenoldeb eto. Gall pennaeth neu reolwr data fewnforio taenlen bresenoldeb o Mewnforio data.
attendance-persistent-definition = Yn absennol yn barhaus: colli { $name } neu fwy o'r sesiynau y gallai disgybl fod wedi'u mynychu. Dyma ragosodiad Headway, nid o ffynhonnell sydd gan Headway; mae gosodiad yn pennu ei un ei hun gyda'r gosodiad persistent_absence_percent.
attendance-persistent-configured = Yn absennol yn barhaus: colli { $name } neu fwy o'r sesiynau y gallai disgybl fod wedi'u mynychu, fel y mae'r gosodiad hwn wedi'i bennu (rhagosodiad Headway yw 10%).
attendance-intervals = Y gyfradd bresenoldeb yw cymedr cyfraddau'r disgyblion gyda'i chyfwng 95% (± 1.96 gwall safonol); mae gan gyfrannau'r disgyblion sy'n absennol yn barhaus gyfwng Wilson 95%.
attendance-suppressed = { $n ->
    [zero] Ni ddangosir ffigur sy'n dibynnu ar lai na { $n } disgybl, nac un a fyddai'n datgelu grŵp o'r fath drwy dynnu.
    [one] Ni ddangosir ffigur sy'n dibynnu ar lai nag { $n } disgybl, nac un a fyddai'n datgelu grŵp o'r fath drwy dynnu.
    [two] Ni ddangosir ffigur sy'n dibynnu ar lai na { $n } ddisgybl, nac un a fyddai'n datgelu grŵp o'r fath drwy dynnu.
    [few] Ni ddangosir ffigur sy'n dibynnu ar lai na { $n } disgybl, nac un a fyddai'n datgelu grŵp o'r fath drwy dynnu.
    [many] Ni ddangosir ffigur sy'n dibynnu ar lai na { $n } disgybl, nac un a fyddai'n datgelu grŵp o'r fath drwy dynnu.
   *[other] Ni ddangosir ffigur sy'n dibynnu ar lai na { $n } disgybl, nac un a fyddai'n datgelu grŵp o'r fath drwy dynnu.
}
attendance-whole-school = Yr ysgol gyfan
attendance-col-group = Grŵp
attendance-col-pupils = Disgyblion
attendance-col-rate = Presenoldeb
attendance-col-rate-interval = Cyfwng 95%
attendance-col-persistent = Yn absennol yn barhaus
attendance-col-persistent-interval = Cyfwng 95%
attendance-col-excluded = Wedi'u gwahardd o leiaf unwaith
attendance-col-incidents = Digwyddiadau fesul disgybl
attendance-hidden-few = Heb ei ddangos: rhy ychydig o ddisgyblion.
attendance-hidden-derivable = Heb ei ddangos: gyda'r ffigurau eraill byddai'n datgelu grŵp llai.
import-attendance-title = Taenlen bresenoldeb
import-attendance-about = Ffeil CSV neu Excel gyda rhes ar gyfer pob disgybl a blwyddyn academaidd: dynodwr y disgybl, y flwyddyn (fel y mae Headway yn ei dangos, fel 2024/25), y sesiynau posibl a fynychwyd, ac, os ydych yn eu cofnodi, gwaharddiadau a digwyddiadau ymddygiad. Mae rhes ar gyfer disgybl a blwyddyn sydd gan Headway yn cymryd ei lle.
import-attendance-label = Taenlen bresenoldeb (.csv neu .xlsx)
import-field-year = Blwyddyn academaidd
import-field-year-hint = Y flwyddyn academaidd fel y mae Headway yn ei dangos, er enghraifft 2024/25.
import-field-possible = Sesiynau posibl
import-field-possible-hint = Y sesiynau y gallai'r disgybl fod wedi'u mynychu'r flwyddyn honno (dwy y dydd).
import-field-attended = Sesiynau a fynychwyd
import-field-attended-hint = Y sesiynau a fynychodd y disgybl, dim mwy na'r sesiynau posibl.
import-field-exclusions = Gwaharddiadau (dewisol)
import-field-exclusions-hint = Gwaharddiadau'r disgybl y flwyddyn honno; gadewch heb ei dewis os nad ydych yn eu cofnodi.
import-field-incidents = Digwyddiadau ymddygiad (dewisol)
import-field-incidents-hint = Digwyddiadau ymddygiad a gofnodwyd ar gyfer y disgybl y flwyddyn honno; gadewch heb ei dewis os nad ydych yn eu cofnodi.
import-table-attendance = Presenoldeb
import-mapping-rows-attendance = { $n ->
    [zero] Nid oes rhesi o bresenoldeb yn y daenlen.
    [one] Mae gan y daenlen 1 rhes o bresenoldeb.
    [two] Mae gan y daenlen 2 res o bresenoldeb.
    [few] Mae gan y daenlen { $n } rhes o bresenoldeb.
    [many] Mae gan y daenlen { $n } rhes o bresenoldeb.
   *[other] Mae gan y daenlen { $n } rhes o bresenoldeb.
}
