//! Names for the demo world: places for schools, people for staff and the cluster's pupils.
//! Pupils of reference schools carry no names (a deployment holds only their pseudonyms).
//! Lists mix Welsh, English and the languages of families who settled in Wales and England;
//! some names are in their own script so every page is exercised beyond ASCII.

use super::DemoRng;
use rand::RngExt;
use rand::seq::IndexedRandom;

/// A list of given names for girls, boys, and family names, from one naming tradition.
pub(super) struct NamePool {
    pub female: &'static [&'static str],
    pub male: &'static [&'static str],
    pub family: &'static [&'static str],
    /// Family name first, no space between (Chinese in its own script).
    pub family_first: bool,
}

pub(super) const WELSH: NamePool = NamePool {
    female: &[
        "Seren",
        "Ffion",
        "Cerys",
        "Lowri",
        "Nia",
        "Eira",
        "Mali",
        "Elin",
        "Carys",
        "Alys",
        "Siân",
        "Gwenllïan",
        "Rhiannon",
        "Catrin",
        "Elliw",
        "Angharad",
        "Heledd",
        "Non",
        "Efa",
        "Nansi",
        "Gwen",
        "Megan",
        "Manon",
        "Sioned",
        "Llinos",
    ],
    male: &[
        "Rhys", "Dylan", "Gethin", "Osian", "Cai", "Tomos", "Iwan", "Aled", "Dafydd", "Ioan",
        "Owain", "Llŷr", "Harri", "Jac", "Aneurin", "Guto", "Macsen", "Steffan", "Emyr",
        "Gruffudd", "Deio", "Elis", "Morgan", "Rhodri", "Tudur",
    ],
    family: &[
        "Jones",
        "Williams",
        "Davies",
        "Evans",
        "Thomas",
        "Roberts",
        "Lewis",
        "Hughes",
        "Morgan",
        "Griffiths",
        "Price",
        "Jenkins",
        "Rees",
        "Owen",
        "Powell",
        "Pritchard",
        "Lloyd",
        "Phillips",
        "Edwards",
        "James",
        "Watkins",
        "Bevan",
        "Howells",
        "Parry",
        "Llewellyn",
        "Prosser",
        "ap Dafydd",
        "Gwilym",
        "Vaughan",
        "Meredith",
    ],
    family_first: false,
};

pub(super) const ENGLISH: NamePool = NamePool {
    female: &[
        "Olivia", "Amelia", "Isla", "Ava", "Mia", "Ruby", "Grace", "Sophie", "Chloe", "Lily",
        "Ellie", "Evie", "Poppy", "Freya", "Harriet", "Jessica", "Millie", "Scarlett", "Daisy",
        "Holly", "Phoebe", "Imogen", "Zoë", "Chloé", "Bethany",
    ],
    male: &[
        "Oliver", "Noah", "Jack", "George", "Harry", "Leo", "Charlie", "Alfie", "Jacob", "Ethan",
        "Mason", "Tyler", "Kai", "Riley", "Callum", "Kieran", "Lewis", "Joshua", "Liam", "Connor",
        "Finley", "Reuben", "Theo", "Archie", "Brandon",
    ],
    family: &[
        "Smith",
        "Taylor",
        "Brown",
        "Walker",
        "Wright",
        "Harris",
        "Clarke",
        "Robinson",
        "Wood",
        "Thompson",
        "White",
        "Hall",
        "Green",
        "Baker",
        "Cooper",
        "Ward",
        "Turner",
        "Collins",
        "O'Brien",
        "Murphy",
        "Sullivan",
        "Kelly",
        "Fitzgerald",
        "Marsh",
        "Hale",
    ],
    family_first: false,
};

pub(super) const POLISH: NamePool = NamePool {
    female: &[
        "Zofia", "Julia", "Maja", "Wiktoria", "Zuzanna", "Oliwia", "Milena", "Łucja",
    ],
    male: &[
        "Jakub", "Kacper", "Szymon", "Mateusz", "Bartosz", "Tomasz", "Dominik", "Michał",
    ],
    family: &[
        "Nowak",
        "Kowalczyk",
        "Wójcik",
        "Mazur",
        "Krawczyk",
        "Wróbel",
        "Zając",
        "Król",
    ],
    family_first: false,
};

pub(super) const ROMANIAN: NamePool = NamePool {
    female: &["Ioana", "Andreea", "Elena", "Maria", "Bianca", "Alexandra"],
    male: &["Andrei", "Mihai", "Ștefan", "Alexandru", "Ionuț", "Gabriel"],
    family: &[
        "Popescu",
        "Ionescu",
        "Dumitrescu",
        "Stan",
        "Munteanu",
        "Constantin",
    ],
    family_first: false,
};

/// Ukrainian names in Cyrillic.
pub(super) const UKRAINIAN: NamePool = NamePool {
    female: &[
        "Олена",
        "Марія",
        "Софія",
        "Анна",
        "Дарина",
        "Вікторія",
        "Юлія",
    ],
    male: &[
        "Олександр",
        "Дмитро",
        "Максим",
        "Андрій",
        "Богдан",
        "Іван",
        "Тарас",
    ],
    family: &[
        "Шевченко",
        "Коваленко",
        "Бондаренко",
        "Ткаченко",
        "Кравченко",
        "Мельник",
    ],
    family_first: false,
};

/// Pakistani and Bangladeshi heritage (Muslim naming).
pub(super) const SOUTH_ASIAN: NamePool = NamePool {
    female: &[
        "Aisha", "Zainab", "Maryam", "Fatima", "Sana", "Hafsa", "Noor", "Amira", "Inaya",
    ],
    male: &[
        "Mohammed", "Ayaan", "Ibrahim", "Yusuf", "Zayn", "Hamza", "Bilal", "Imran", "Rayan",
    ],
    family: &[
        "Khan",
        "Ahmed",
        "Hussain",
        "Begum",
        "Ali",
        "Rahman",
        "Iqbal",
        "Chowdhury",
        "Miah",
    ],
    family_first: false,
};

/// Indian heritage (Hindu and Sikh naming).
pub(super) const INDIAN: NamePool = NamePool {
    female: &[
        "Priya", "Anika", "Simran", "Riya", "Harleen", "Divya", "Jasleen",
    ],
    male: &[
        "Arjun", "Rohan", "Aarav", "Harjit", "Vikram", "Gurpreet", "Dev",
    ],
    family: &[
        "Patel", "Sharma", "Singh", "Gill", "Mistry", "Sandhu", "Joshi",
    ],
    family_first: false,
};

/// Bengali names in Bengali script.
pub(super) const BENGALI: NamePool = NamePool {
    female: &["রিয়া", "তানিয়া", "নুসরাত", "সুমাইয়া"],
    male: &["রাহুল", "তানভীর", "আরিফ", "সাকিব"],
    family: &["দাস", "রহমান", "চৌধুরী", "আহমেদ"],
    family_first: false,
};

/// Arabic names in Arabic script (written right to left).
pub(super) const ARABIC: NamePool = NamePool {
    female: &["ليلى", "مريم", "نور", "سارة", "هبة"],
    male: &["عمر", "يوسف", "خالد", "أحمد", "كريم"],
    family: &["حداد", "خليل", "الحسن", "منصور", "ناصر"],
    family_first: false,
};

pub(super) const ARABIC_LATIN: NamePool = NamePool {
    female: &["Layla", "Rania", "Huda", "Yasmin", "Salma", "Dana"],
    male: &["Omar", "Khalid", "Karim", "Tariq", "Sami", "Adam"],
    family: &[
        "Haddad",
        "Khalil",
        "Mansour",
        "Nasser",
        "Al-Hassan",
        "Saleh",
    ],
    family_first: false,
};

pub(super) const AFRICAN_CARIBBEAN: NamePool = NamePool {
    female: &[
        "Amara", "Abena", "Hodan", "Ifeoma", "Nia", "Chiamaka", "Ayan", "Kemi", "Shanice", "Ngozi",
        "Folake", "Aaliyah",
    ],
    male: &[
        "Chidi", "Kwame", "Yusuf", "Tunde", "Kofi", "Abdi", "Emeka", "Jaden", "Kwabena", "Malik",
        "Osagie", "Tyrone",
    ],
    family: &[
        "Okafor", "Mensah", "Asante", "Warsame", "Abdi", "Eze", "Adeyemi", "Campbell", "Boateng",
        "Hassan", "Okonkwo", "Grant",
    ],
    family_first: false,
};

/// Chinese names in Chinese script, family name first.
pub(super) const CHINESE: NamePool = NamePool {
    female: &["芳", "静", "丽", "敏", "婷", "雪"],
    male: &["伟", "强", "磊", "杰", "浩", "明"],
    family: &["王", "李", "张", "刘", "陈", "杨", "黄"],
    family_first: true,
};

pub(super) const CHINESE_LATIN: NamePool = NamePool {
    female: &["Fang", "Jing", "Li", "Min", "Ting", "Xue"],
    male: &["Wei", "Qiang", "Lei", "Jie", "Hao", "Ming"],
    family: &["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang"],
    family_first: false,
};

/// A full name from `pool`; `female` None (gender other, or unknown) picks either list.
pub(super) fn person_name(rng: &mut DemoRng, pool: &NamePool, female: Option<bool>) -> String {
    let female = female.unwrap_or_else(|| rng.random_bool(0.5));
    let given_list = if female { pool.female } else { pool.male };
    let given = given_list.choose(rng).expect("non-empty list");
    let family = pool.family.choose(rng).expect("non-empty list");
    if pool.family_first {
        format!("{family}{given}")
    } else {
        format!("{given} {family}")
    }
}

/// Places that name reference schools: Welsh and English compounds, most of them invented.
const WELSH_PLACE_STARTS: &[&str] = &[
    "Aber", "Bryn", "Cwm", "Llan", "Pen", "Pont", "Tre", "Nant", "Glyn", "Maes", "Coed", "Caer",
    "Rhos", "Dol", "Gelli", "Cefn", "Blaen", "Tal",
];
const WELSH_PLACE_ENDS: &[&str] = &[
    "derwen", "gwyn", "mawr", "isaf", "uchaf", "coch", "glas", "teg", "newydd", "fryn", "onnen",
    "celyn",
];
const ENGLISH_PLACE_STARTS: &[&str] = &[
    "Ash", "Oak", "Brook", "Mill", "Stone", "Elm", "Thorn", "Kings", "Castle", "Wood", "Marsh",
    "Haw", "Lang", "Black", "Red", "West", "North", "Sand",
];
const ENGLISH_PLACE_ENDS: &[&str] = &[
    "field", "ford", "bury", "ley", "wood", "hill", "ton", "bridge", "gate", "combe", "worth",
    "stead",
];
const WELSH_SCHOOL_NAMES: &[&str] = &[
    "Ysgol Gyfun {}",
    "{} High School",
    "{} Comprehensive School",
    "{} Community School",
];
const ENGLISH_SCHOOL_NAMES: &[&str] = &[
    "{} High School",
    "{} Academy",
    "{} School",
    "{} Community College",
];

/// `count` distinct school names, none of whose places is in `taken`, drawn without repeats
/// from the place × kind combinations.
pub(super) fn reference_school_names(
    rng: &mut DemoRng,
    count: usize,
    taken: &[&str],
) -> Vec<String> {
    let mut places: Vec<(String, bool)> = Vec::new();
    for (starts, ends, welsh) in [
        (WELSH_PLACE_STARTS, WELSH_PLACE_ENDS, true),
        (ENGLISH_PLACE_STARTS, ENGLISH_PLACE_ENDS, false),
    ] {
        for start in starts {
            for end in ends {
                let place = format!("{start}{end}");
                // "Woodwood" and the cluster's own places are left out.
                if !start.eq_ignore_ascii_case(end) && !taken.contains(&place.as_str()) {
                    places.push((place, welsh));
                }
            }
        }
    }
    assert!(
        count <= places.len(),
        "only {} school places to name {count} schools",
        places.len()
    );
    rand::seq::index::sample(rng, places.len(), count)
        .into_iter()
        .map(|i| {
            let (place, welsh) = &places[i];
            let patterns = if *welsh {
                WELSH_SCHOOL_NAMES
            } else {
                ENGLISH_SCHOOL_NAMES
            };
            patterns
                .choose(rng)
                .expect("non-empty list")
                .replace("{}", place)
        })
        .collect()
}
