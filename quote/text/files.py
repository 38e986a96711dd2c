"""Messages about files: reading a book or a CSV of persons, writing output, the names of
the kinds of data file, and the operating system's reasons (quote.files, quote.private,
quote.renewal.reading, quote.employees, quote.spreadsheet, quote.tabular, quote.yamlfile).
A message names the file and what was expected, never a cell of it."""

from __future__ import annotations

from quote.i18n import Catalog

MESSAGES: Catalog = {
    # --- the operating system's reasons (quote.errors.os_reason); English as the OS says it
    "os.EACCES": {"sv": "Åtkomst nekas", "en": "Permission denied"},
    "os.EPERM": {"sv": "Åtgärden är inte tillåten", "en": "Operation not permitted"},
    "os.ENOENT": {"sv": "Filen eller katalogen finns inte", "en": "No such file or directory"},
    "os.ENOSPC": {"sv": "Inget utrymme kvar på enheten", "en": "No space left on device"},
    "os.EROFS": {"sv": "Skrivskyddat filsystem", "en": "Read-only file system"},
    "os.EISDIR": {"sv": "Är en katalog", "en": "Is a directory"},
    "os.ENOTDIR": {"sv": "Inte en katalog", "en": "Not a directory"},
    "os.ELOOP": {"sv": "För många nivåer av symboliska länkar",
                 "en": "Too many levels of symbolic links"},
    "os.ENAMETOOLONG": {"sv": "Filnamnet är för långt", "en": "File name too long"},
    "os.EDQUOT": {"sv": "Diskkvoten är överskriden", "en": "Disk quota exceeded"},
    "os.EIO": {"sv": "In-/utmatningsfel", "en": "Input/output error"},
    # --- the kinds of data file, as a noun ("the tariff file")
    "file.noun.tariff": {"sv": "tarifffil", "en": "tariff file"},
    "file.noun.kpi": {"sv": "KPI-fil", "en": "KPI file"},
    "file.noun.rule_book": {"sv": "regelboksfil", "en": "rule book file"},
    "file.noun.contents": {"sv": "innehållsfil", "en": "contents file"},
    "file.noun.declaration": {"sv": "deklarationsfil", "en": "declaration file"},
    "file.noun.draft": {"sv": "utkastfil", "en": "draft file"},
    "file.noun.household": {"sv": "hushållsfil", "en": "household file"},
    "file.noun.scenario": {"sv": "scenariofil", "en": "scenario file"},
    "file.noun.data": {"sv": "datafil", "en": "data file"},
    # --- reading a data file (quote.yamlfile)
    "file.not_found": {"sv": "{noun}en finns inte", "en": "{noun} not found"},
    "file.is_directory": {"sv": "är en katalog, en {noun} väntades",
                          "en": "is a directory, expected a {noun}"},
    "file.cannot_read": {"sv": "kan inte läsa {noun}en: {reason}",
                         "en": "cannot read {noun}: {reason}"},
    "yaml.syntax": {"sv": "syntaxfel i YAML: {reason}", "en": "YAML syntax error: {reason}"},
    "yaml.syntax_context": {
        "sv": "syntaxfel i YAML: {reason} ({context}, från rad {line})",
        "en": "YAML syntax error: {reason} ({context} started on line {line})"},
    "yaml.syntax_bare": {"sv": "syntaxfel i YAML", "en": "YAML syntax error"},
    "yaml.plain_keys": {"sv": "nycklar måste vara enkla värden",
                        "en": "keys must be plain values"},
    "yaml.duplicate_key": {"sv": "nyckeln{shown} finns två gånger (först på rad {first})",
                           "en": "duplicate key{shown} (first defined on line {first})"},
    "yaml.missing_field": {"sv": "fältet {name!r} saknas", "en": "missing field {name!r}"},
    "yaml.unknown_field": {"sv": "okänt fält {name!r}", "en": "unknown field {name!r}"},
    # pydantic's own messages (quote.yamlfile.field_message): the English is pydantic's
    # wording, word for word; the Swedish is ours
    "pydantic.or": {"sv": "{head} eller {last}", "en": "{head} or {last}"},
    "pydantic.literal_error": {"sv": "ska vara {expected}", "en": "Input should be {expected}"},
    "pydantic.enum": {"sv": "ska vara {expected}", "en": "Input should be {expected}"},
    "pydantic.string_type": {"sv": "ska vara en text", "en": "Input should be a valid string"},
    "pydantic.int_type": {"sv": "ska vara ett heltal", "en": "Input should be a valid integer"},
    "pydantic.int_parsing": {
        "sv": "ska vara ett heltal; texten kan inte läsas som ett heltal",
        "en": "Input should be a valid integer, unable to parse string as an integer"},
    "pydantic.int_from_float": {
        "sv": "ska vara ett heltal, inte ett tal med decimaler",
        "en": "Input should be a valid integer, got a number with a fractional part"},
    "pydantic.bool_type": {"sv": "ska vara ja eller nej (true/false)",
                           "en": "Input should be a valid boolean"},
    "pydantic.bool_parsing": {"sv": "ska vara ja eller nej (true/false); svaret kan inte tolkas",
                              "en": "Input should be a valid boolean, unable to interpret input"},
    "pydantic.decimal_type": {
        "sv": "ska vara ett tal (heltal eller decimaltal) eller en text med ett tal",
        "en": "Decimal input should be an integer, float, string or Decimal object"},
    "pydantic.decimal_parsing": {"sv": "ska vara ett decimaltal",
                                 "en": "Input should be a valid decimal"},
    "pydantic.float_type": {"sv": "ska vara ett tal", "en": "Input should be a valid number"},
    "pydantic.float_parsing": {
        "sv": "ska vara ett tal; texten kan inte läsas som ett tal",
        "en": "Input should be a valid number, unable to parse string as a number"},
    "pydantic.finite_number": {"sv": "ska vara ett ändligt tal",
                               "en": "Input should be a finite number"},
    "pydantic.list_type": {"sv": "ska vara en lista", "en": "Input should be a valid list"},
    "pydantic.dict_type": {"sv": "ska vara en mappning (nyckel: värde)",
                           "en": "Input should be a valid dictionary"},
    "pydantic.model_type": {
        "sv": "ska vara en mappning (nyckel: värde) med fälten för {class_name}",
        "en": "Input should be a valid dictionary or instance of {class_name}"},
    "pydantic.model_attributes_type": {
        "sv": "ska vara en mappning (nyckel: värde)",
        "en": "Input should be a valid dictionary or object to extract fields from"},
    "pydantic.string_pattern_mismatch": {"sv": "ska följa mönstret '{pattern}'",
                                         "en": "String should match pattern '{pattern}'"},
    "pydantic.greater_than": {"sv": "ska vara större än {gt}",
                              "en": "Input should be greater than {gt}"},
    "pydantic.greater_than_equal": {"sv": "ska vara {ge} eller mer",
                                    "en": "Input should be greater than or equal to {ge}"},
    "pydantic.less_than": {"sv": "ska vara mindre än {lt}", "en": "Input should be less than {lt}"},
    "pydantic.less_than_equal": {"sv": "ska vara {le} eller mindre",
                                 "en": "Input should be less than or equal to {le}"},
    "pydantic.date_type": {"sv": "ska vara ett datum", "en": "Input should be a valid date"},
    "file.invalid": {"sv": "{path}: ogiltig", "en": "{path}: invalid"},
    "yaml.not_mapping": {"sv": "en {noun} måste vara en YAML-mappning (nyckel: värde)",
                         "en": "a {noun} must be a YAML mapping"},
    # --- writing output (quote.files, quote.private, quote.spreadsheet, quote.tabular)
    "output.cannot_write": {
        "sv": "{path}: kan inte skriva här ({reason}); kontrollera att katalogen {directory} "
              "finns och är skrivbar",
        "en": "{path}: cannot write here ({reason}); check that the directory {directory} "
              "exists and is writable"},
    "output.no_directory": {"sv": "{path}: katalogen {directory} finns inte",
                            "en": "{path}: the directory {directory} does not exist"},
    "output.exists_private": {
        "sv": "{path}: finns redan; en fil med hälsosvar skrivs aldrig över",
        "en": "{path}: exists; a file holding health answers is never overwritten"},
    "output.no_free_name": {"sv": "{directory}: inget ledigt namn {stem}-N{suffix}",
                            "en": "{directory}: no free name for {stem}-N{suffix}"},
    "output.too_many_rows": {
        "sv": "{path}: fler än {limit} rader får inte plats i ett kalkylblad; skriv CSV eller "
              "Parquet i stället",
        "en": "{path}: more than {limit} rows do not fit a sheet; write CSV or Parquet "
              "instead"},
    "output.format": {"sv": "{name}: ange ett filnamn som slutar på .csv, .xlsx eller .parquet",
                      "en": "{name}: give a .csv, .xlsx or .parquet file name"},
    # --- a book of policies (quote.renewal.reading, quote.cli.common)
    "book.not_found": {"sv": "{path}: filen finns inte", "en": "{path}: file not found"},
    "book.sheet_not_excel": {"sv": "{path}: --sheet gäller bara Excel-bestånd (.xlsx)",
                             "en": "{path}: --sheet is for Excel books (.xlsx)"},
    "book.bad_parquet": {"sv": "{path}: ingen läsbar Parquet-fil ({error})",
                         "en": "{path}: not a readable Parquet file ({error})"},
    "book.missing_columns": {
        "sv": "{path}: kolumn(er) saknas: {missing}; rubrikraden har {columns}",
        "en": "{path}: missing column(s) {missing}; the header has {columns}"},
    "book.column_or": {"sv": "{column} (eller {other})", "en": "{column} (or {other})"},
    "book.clash": {"sv": "{path}: resultatet skulle skriva över kolumn(er) {columns}; byt "
                         "namn på dem",
                   "en": "{path}: the column(s) {columns} would be overwritten by the output; "
                         "rename them"},
    "book.duplicate_column": {"sv": "{path}: ett kolumnnamn finns två gånger i rubrikraden",
                              "en": "{path}: a column name appears twice in the header"},
    "book.unnamed_column": {"sv": "{path}: en kolumn i rubrikraden saknar namn",
                            "en": "{path}: a column in the header has no name"},
    "book.unknown_encoding": {
        "sv": "--encoding: okänd teckenkodning {name!r} (t.ex. utf-8, windows-1252)",
        "en": "--encoding: unknown encoding {name!r} (e.g. utf-8, windows-1252)"},
    "book.unsupported_encoding": {
        "sv": "--encoding: {name} stöds inte (använd utf-8 eller windows-1252)",
        "en": "--encoding: {name} is not supported (use utf-8 or windows-1252)"},
    "book.binary": {"sv": "{path}: ingen CSV-fil (binärt innehåll)",
                    "en": "{path}: not a CSV file (binary content)"},
    "book.no_encoding": {
        "sv": "{path}: varken UTF-8- eller Windows-1252-text; ange beståndets teckenkodning "
              "med --encoding",
        "en": "{path}: neither UTF-8 nor Windows-1252 text; give the book's encoding with "
              "--encoding"},
    "book.header_encoding": {"sv": "{path}:1: rubrikraden är inte {codec}-text; kontrollera "
                                   "--encoding",
                             "en": "{path}:1: the header is not {codec} text; check --encoding"},
    "book.bad_excel": {"sv": "{path}: ingen läsbar Excel-fil ({error})",
                       "en": "{path}: not a readable Excel file ({error})"},
    "book.no_sheet": {"sv": "{path}: arbetsboken har inget blad",
                      "en": "{path}: the workbook has no sheet"},
    "book.unknown_sheet": {"sv": "{path}: inget blad heter {sheet!r}; bladen är {sheets}",
                           "en": "{path}: no sheet named {sheet!r}; the sheets are {sheets}"},
    "book.bad_sheet": {"sv": "{path}: bladet {sheet!r} kan inte läsas ({error})",
                       "en": "{path}: sheet {sheet!r} cannot be read ({error})"},
    "book.invalid": {"sv": "{path}: inget giltigt bestånd ({error}); inget skrevs",
                     "en": "{path}: not a valid book ({error}); nothing was written"},
    # --- a CSV of persons or employees (quote.employees)
    "csv.cannot_read": {"sv": "{path}: kan inte läsa filen ({reason})",
                        "en": "{path}: cannot read the file ({reason})"},
    "csv.too_large": {"sv": "{path}: större än {limit} byte; dela upp filen",
                      "en": "{path}: larger than {limit} bytes; split the file"},
    "csv.empty": {"sv": "{path}: tom fil; en rubrikrad väntades",
                  "en": "{path}: empty file; expected a header line"},
    "csv.control": {"sv": "{path}:{line}: ett styrtecken i en cell; ta bort det",
                    "en": "{path}:{line}: a control character in a cell; remove it"},
    "csv.ragged": {"sv": "{path}:{line}: {cells} celler, rubrikraden har {header}",
                   "en": "{path}:{line}: {cells} cells, the header has {header}"},
    "csv.invalid": {"sv": "{path}:{line}: ingen giltig CSV ({error})",
                    "en": "{path}:{line}: not valid CSV ({error})"},
    "csv.duplicate": {"sv": "{path}:1: kolumnen {columns} finns två gånger",
                      "en": "{path}:1: column {columns} appears twice"},
}
