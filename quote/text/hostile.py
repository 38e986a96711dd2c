"""Text for refused input: files that are too large or not files, YAML beyond its limits,
numbers out of range. Keys start with ``hostile.``."""

from __future__ import annotations

from quote.i18n import Catalog

MESSAGES: Catalog = {
    "hostile.file.special": {
        "sv": "är ingen vanlig fil (en enhet, FIFO eller socket), en {noun} väntades",
        "en": "is not a regular file (a device, FIFO or socket), expected a {noun}"},
    "hostile.file.too_large": {
        "sv": "{noun}en är större än {limit} KiB; det är ingen {noun}",
        "en": "{noun} is larger than {limit} KiB; that is not a {noun}"},
    "hostile.yaml.control_character": {
        "sv": "styrtecknet {code} är inte tillåtet i en YAML-fil",
        "en": "control character {code} is not allowed in a YAML file"},
    "hostile.yaml.too_deep": {
        "sv": "nästlat djupare än {limit} nivåer",
        "en": "nested deeper than {limit} levels"},
    "hostile.yaml.too_many_values": {
        "sv": "filen har fler än {limit} värden",
        "en": "the file holds more than {limit} values"},
    "hostile.yaml.alias_too_big": {
        "sv": "alias (*namn) växer till fler än {limit} värden",
        "en": "aliases (*name) expand to more than {limit} values"},
    "hostile.yaml.alias_cycle": {
        "sv": "ett alias (*namn) innehåller sig självt",
        "en": "an alias (*name) contains itself"},
    "hostile.yaml.tag": {
        "sv": "en tagg (!…) på en {tag_kind} är inte tillåten här",
        "en": "a tag (!…) on a {tag_kind} is not allowed here"},
    "hostile.yaml.number_too_long": {
        "sv": "ett tal med fler än {limit} siffror",
        "en": "a number with more than {limit} digits"},
    "hostile.range.timestamp": {
        "sv": "ett datum ÅÅÅÅ-MM-DD väntades, inte en tidpunkt",
        "en": "expected a date YYYY-MM-DD, not a timestamp"},
    "hostile.range.kronor": {"sv": "högst {limit} kr", "en": "at most {limit} kr"},
    "hostile.range.percentage": {
        "sv": "en procentsats från 0 till {limit} med högst {places} decimaler",
        "en": "a percentage from 0 to {limit} with at most {places} decimals"},
    "hostile.range.measurement": {
        "sv": "min ska vara mindre än max",
        "en": "min must be less than max"},
    "hostile.range.age": {
        "sv": "en ålder från 0 till {limit} år väntades",
        "en": "expected an age from 0 to {limit} years"},
    "hostile.range.born": {
        "sv": "ger en ålder över {limit} år; kontrollera årtalet",
        "en": "gives an age over {limit} years; check the year"},
}
