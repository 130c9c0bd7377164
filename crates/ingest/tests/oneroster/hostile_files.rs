//! Hostile files, built as an attacker would: small on disk, huge in what they claim or
//! unpack to. Shared by the tests (`hostile.rs`) and the peak-memory command
//! (`examples/hostile.rs`).

use std::io::Write;

/// A zip of `entries`, each deflated.
pub fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in entries {
        zip.start_file(*name, options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// A workbook whose one worksheet declares `dimension` and holds `cells` (reference,
/// number) as they are written in its XML, nothing else.
pub fn xlsx_with(dimension: Option<&str>, cells: &[(&str, f64)]) -> Vec<u8> {
    let content_types = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#;
    let rels = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
    let workbook = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
    let workbook_rels = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#;
    let mut sheet = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#,
    );
    if let Some(dimension) = dimension {
        sheet.push_str(&format!(r#"<dimension ref="{dimension}"/>"#));
    }
    sheet.push_str("<sheetData>");
    for (reference, value) in cells {
        let row: String = reference.chars().filter(char::is_ascii_digit).collect();
        sheet.push_str(&format!(
            r#"<row r="{row}"><c r="{reference}"><v>{value}</v></c></row>"#
        ));
    }
    sheet.push_str("</sheetData></worksheet>");
    zip_of(&[
        ("[Content_Types].xml", content_types.as_bytes()),
        ("_rels/.rels", rels.as_bytes()),
        ("xl/workbook.xml", workbook.as_bytes()),
        ("xl/_rels/workbook.xml.rels", workbook_rels.as_bytes()),
        ("xl/worksheets/sheet1.xml", sheet.as_bytes()),
    ])
}

/// The 1.8 KB workbook that once made a reader build 17 billion cells: it declares
/// A1:XFD1048576 and fills the two corners.
pub fn xlsx_claiming_every_cell() -> Vec<u8> {
    xlsx_with(Some("A1:XFD1048576"), &[("A1", 1.0), ("XFD1048576", 2.0)])
}

/// A bundle whose users.csv holds one field of `size` bytes: it compresses to a few
/// kilobytes.
pub fn bundle_with_a_huge_field(size: usize) -> Vec<u8> {
    let mut users =
        b"sourcedId,status,enabledUser,givenName,familyName,role\nu1,active,true,\"".to_vec();
    users.resize(users.len() + size, b'a');
    users.extend_from_slice(b"\",Ng,student\n");
    zip_of(&[
        ("manifest.csv", b"propertyName,value\nfile.users,bulk\n"),
        ("users.csv", &users),
    ])
}
