//! Where persons live: Stockholm County's municipalities.

/// The 26 municipalities of Stockholm County: code (kommunkod), name and population (Statistics Sweden, 31 December
/// 2023, rounded to thousands), which weights where a person lives.
pub const MUNICIPALITIES: [(&str, &str, u32); 26] = [
    ("0114", "Upplands Väsby", 48_000),
    ("0115", "Vallentuna", 35_000),
    ("0117", "Österåker", 48_000),
    ("0120", "Värmdö", 46_000),
    ("0123", "Järfälla", 85_000),
    ("0125", "Ekerö", 29_000),
    ("0126", "Huddinge", 115_000),
    ("0127", "Botkyrka", 96_000),
    ("0128", "Salem", 17_000),
    ("0136", "Haninge", 97_000),
    ("0138", "Tyresö", 49_000),
    ("0139", "Upplands-Bro", 31_000),
    ("0140", "Nykvarn", 11_000),
    ("0160", "Täby", 74_000),
    ("0162", "Danderyd", 33_000),
    ("0163", "Sollentuna", 76_000),
    ("0180", "Stockholm", 984_000),
    ("0181", "Södertälje", 101_000),
    ("0182", "Nacka", 109_000),
    ("0183", "Sundbyberg", 54_000),
    ("0184", "Solna", 85_000),
    ("0186", "Lidingö", 48_000),
    ("0187", "Vaxholm", 12_000),
    ("0188", "Norrtälje", 63_000),
    ("0191", "Sigtuna", 52_000),
    ("0192", "Nynäshamn", 29_000),
];

/// A municipality's name by its code.
pub fn municipality(code: &str) -> Option<&'static str> {
    MUNICIPALITIES
        .iter()
        .find(|(c, _, _)| *c == code)
        .map(|(_, n, _)| *n)
}
