"""Compose an intent verb with the content of its complement into one CAMEO code.

CAMEO crosses a few speech acts (appeal 02, intent to cooperate 03, demand 10, reject 12, threaten 13) with
what the act is about ("urged X to release prisoners" = 0253, "threatened to impose sanctions" = 1312). The
content is a *family*: derived from the CAMEO code of the complement's own action (``084`` release ->
``yield.release``) or named directly by content-only lexicon rows (``resign`` -> ``ref.lead``).
Protest forms and accessions are refined the same way by what they demand or grant (``refine``).
"""

from __future__ import annotations

__all__ = ["FAMILIES", "INTENTS", "REFINABLE", "compose", "family_of_code", "refine"]

INTENTS = frozenset({"02", "03", "10", "12", "13"})

# family: (03 intent, 02 appeal, 10 demand, 12 reject)
_COOP: dict[str, tuple[str, str, str, str]] = {
    "matcoop": ("031", "021", "101", "121"),
    "econ": ("0311", "0211", "1011", "1211"),
    "mil": ("0312", "0212", "1012", "1212"),
    "jud": ("0313", "0213", "1013", "1213"),
    "intel": ("0314", "0214", "1014", "121"),
    "dipl": ("032", "022", "102", "120"),
    "aid": ("033", "023", "103", "122"),
    "aid.econ": ("0331", "0231", "1031", "1221"),
    "aid.mil": ("0332", "0232", "1032", "1222"),
    "aid.hum": ("0333", "0233", "1033", "1223"),
    "aid.pk": ("0334", "0234", "1034", "1224"),
    "ref": ("034", "024", "104", "123"),
    "ref.lead": ("0341", "0241", "1041", "1231"),
    "ref.policy": ("0342", "0242", "1042", "1232"),
    "ref.rights": ("0343", "0243", "1043", "1233"),
    "ref.inst": ("0344", "0244", "1044", "1234"),
    "yield": ("035", "025", "105", "124"),
    "yield.admin": ("0351", "0251", "1051", "1241"),
    "yield.dissent": ("0352", "0252", "1052", "1242"),
    "yield.release": ("0353", "0253", "1053", "1243"),
    "yield.econ": ("0354", "0254", "1054", "1244"),
    "yield.intl": ("0355", "0255", "1055", "1245"),
    "yield.deesc": ("0356", "0256", "1056", "1246"),
    "meet": ("036", "026", "106", "125"),
    "settle": ("037", "027", "107", "127"),
    "med": ("038", "028", "108", "126"),
    "mediate": ("039", "028", "108", "126"),
}

# conflictual families: what a threat (or a stated intent) to do them is coded as
_THREAT: dict[str, str] = {
    "nonforce": "131",
    "aidcut": "1311",
    "sanction": "1312",
    "relations": "1313",
    "admin": "132",
    "restrict": "1321",
    "ban": "1322",
    "curfew": "1323",
    "martial": "1324",
    "protest": "133",
    "halt.neg": "134",
    "halt.med": "135",
    "halt.intl": "136",
    "repress": "137",
    "force": "138",
    "blockade": "1381",
    "occupy": "1382",
    "terror": "1383",
    "attack": "1384",
    "wmd": "1385",
}

FAMILIES = frozenset(_COOP) | frozenset(_THREAT)

# CAMEO code prefix -> family; the longest matching prefix wins
_CODE_FAMILY: dict[str, str] = {
    "04": "meet",
    "045": "mediate",
    "05": "dipl",
    "057": "settle",
    "06": "matcoop",
    "061": "econ",
    "062": "mil",
    "063": "jud",
    "064": "intel",
    "07": "aid",
    "071": "aid.econ",
    "072": "aid.mil",
    "073": "aid.hum",
    "074": "aid.pk",
    "08": "yield",
    "081": "yield.admin",
    "082": "yield.dissent",
    "083": "ref",
    "0831": "ref.lead",
    "0832": "ref.policy",
    "0833": "ref.rights",
    "0834": "ref.inst",
    "084": "yield.release",
    "085": "yield.econ",
    "086": "yield.intl",
    "087": "yield.deesc",
    "115": "nonforce",
    "129": "nonforce",
    "14": "protest",
    "15": "force",
    "16": "relations",
    "162": "aidcut",
    "163": "sanction",
    "164": "halt.neg",
    "165": "halt.med",
    "166": "halt.intl",
    "17": "repress",
    "172": "admin",
    "1721": "restrict",
    "1722": "ban",
    "1723": "curfew",
    "1724": "martial",
    "18": "terror",
    "19": "attack",
    "191": "blockade",
    "192": "occupy",
    "20": "force",
    "204": "wmd",
}

_DEFAULT = {"03": "030", "02": "020", "10": "100", "12": "120", "13": "130"}
_COLUMN = {"03": 0, "02": 1, "10": 2, "12": 3}


def family_of_code(code: str) -> str | None:
    """The content family of a CAMEO code or family name (``"0841"`` -> ``"yield.release"``)."""
    if code in FAMILIES:
        return code
    for n in range(len(code), 1, -1):
        fam = _CODE_FAMILY.get(code[:n])
        if fam is not None:
            return fam
    return None


def compose(intent: str, family: str | None, *, negated_content: bool = False) -> str:
    """The CAMEO code of ``intent`` (02/03/10/12/13) about ``family``.

    A stated intent to do something conflictual is a threat (03 + sanction -> 1312); an intent *not* to do
    something cooperative is a rejection ("will not accept" -> 12x).
    """
    if intent == "03" and negated_content and family not in _THREAT:
        intent = "12"
    if intent == "03" and family in _THREAT:
        intent = "13"
    if intent == "13":
        return _THREAT.get(family or "", "130")
    row = _COOP.get(family or "")
    if row is None:
        return _DEFAULT[intent]
    return row[_COLUMN[intent]]


# codes whose sub-codes say what the act demands or grants: leadership, policy, rights, institutions
REFINABLE = frozenset({"083", "141", "142", "143", "144", "145"})
_REF_DIGIT = {"ref.lead": "1", "ref.policy": "2", "ref.rights": "3", "ref.inst": "4"}


def refine(code: str, family: str | None) -> str:
    """The sub-code of a protest form or an accession for what it is about ("rioted demanding the
    president's resignation": 145 + ``ref.lead`` -> 1451); ``code`` itself when there is none."""
    digit = _REF_DIGIT.get(family or "")
    if code not in REFINABLE or digit is None:
        return code
    return code + digit
