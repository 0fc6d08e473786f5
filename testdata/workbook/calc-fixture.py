#!/usr/bin/python3
"""Fill a lap reporting template in LibreOffice Calc, as a person would type it, and save it
as .xlsx: the committed fixture calc-lbn-2026.xlsx, a workbook written by a spreadsheet
program rather than by excelize.

    lap workbook template --out /tmp/t.xlsx --state LBN --year 2026 --data testdata/sample
    soffice --headless --accept='pipe,name=lapfixture;urp;' &
    /usr/bin/python3 testdata/workbook/calc-fixture.py /tmp/t.xlsx testdata/workbook/calc-lbn-2026.xlsx

Every value is invented (the cover's class is "illustrative"). Values are typed with
setFormula, which is what typing into a cell does: Calc recognises numbers, and a date typed
into a cell formatted as a date becomes a date cell.
"""
import sys
import time

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


# field -> typed text; (field, "source") -> a row's own source
TYPED = {
    "Cover": {"source": "illustrative: test fixture typed in LibreOffice Calc", "class": "illustrative",
              "art7_form_version": "revised"},
    "Form A": {"art9_legislation": "in-progress"},
    "Form F": {"art4_area_cleared_m2": "350000", "art4_area_remaining_m2": "3550000",
               "art4_submunitions_destroyed": "812"},
    "Form G": {"re_programme": "yes", "re_beneficiaries": "48210", "re_beneficiaries_female": "24105"},
    "Form H": {"art5_survivors": "451", "art5_medical_rehab": "no"},
}
SOURCES = {("Form H", "art5_survivors"): "illustrative: survivor database extract (fixture)"}
DATE_CELL = ("Cover", "art7_annual_submitted", "2027-04-20")  # typed into a cell formatted as a date

src, dst = sys.argv[1], sys.argv[2]
local = uno.getComponentContext()
resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
for _ in range(60):
    try:
        ctx = resolver.resolve("uno:pipe,name=lapfixture;urp;StarOffice.ComponentContext")
        break
    except Exception:
        time.sleep(1)
desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(src), "_blank", 0, (prop("Hidden", True),))


def rows_by_field(sheet):
    out = {}
    for r in range(0, 200):
        v = sheet.getCellByPosition(5, r).getString()  # column F: Field
        if v:
            out[v] = r
    return out


for name, values in TYPED.items():
    sheet = doc.Sheets.getByName(name)
    rows = rows_by_field(sheet)
    for field, text in values.items():
        sheet.getCellByPosition(1, rows[field]).setFormula(text)  # column B: Value
for (name, field), text in SOURCES.items():
    sheet = doc.Sheets.getByName(name)
    sheet.getCellByPosition(3, rows_by_field(sheet)[field]).setFormula(text)  # column D: Source

name, field, text = DATE_CELL
sheet = doc.Sheets.getByName(name)
cell = sheet.getCellByPosition(1, rows_by_field(sheet)[field])
formats = doc.getNumberFormats()
locale = uno.createUnoStruct("com.sun.star.lang.Locale")
key = formats.queryKey("YYYY-MM-DD", locale, False)
if key == -1:
    key = formats.addNew("YYYY-MM-DD", locale)
cell.NumberFormat = key
cell.setFormula(text)

doc.storeToURL(uno.systemPathToFileUrl(dst), (prop("FilterName", "Calc MS Excel 2007 XML"),))
doc.close(True)
