"""Builds the auditor's recognizer pack once per engine."""

from __future__ import annotations

from collections.abc import Sequence

from presidio_analyzer import EntityRecognizer

from auditor.phi.dictionaries import SiteDictionary
from auditor.phi.recognizers.address_fields import AddressFieldRecognizer
from auditor.phi.recognizers.addresses import AddressRecognizer
from auditor.phi.recognizers.airports import AirportRecognizer
from auditor.phi.recognizers.arabic_script import ArabicScriptRecognizer
from auditor.phi.recognizers.commerce import CommerceRecognizer
from auditor.phi.recognizers.coordinates import coordinate_rules
from auditor.phi.recognizers.custody import CustodyRecognizer
from auditor.phi.recognizers.dates import date_recognizer
from auditor.phi.recognizers.dicom_dump import DicomDumpRecognizer
from auditor.phi.recognizers.emergency_services import EmergencyServiceRecognizer
from auditor.phi.recognizers.facilities import FacilityRecognizer
from auditor.phi.recognizers.forces import ForcesRecognizer
from auditor.phi.recognizers.headed_names import HeadedNameRecognizer
from auditor.phi.recognizers.identifiers import identifier_recognizer
from auditor.phi.recognizers.json_fields import JsonFieldRecognizer
from auditor.phi.recognizers.lexicon import Lexicon
from auditor.phi.recognizers.local_government import LocalGovernmentRecognizer
from auditor.phi.recognizers.name_fields import FieldNameRecognizer
from auditor.phi.recognizers.name_shapes import NameShapeRecognizer
from auditor.phi.recognizers.names import NameRecognizer
from auditor.phi.recognizers.national_ids import national_id_recognizer
from auditor.phi.recognizers.newspapers import NewspaperRecognizer
from auditor.phi.recognizers.organizations import OrganizationRecognizer
from auditor.phi.recognizers.origin_places import OriginPlaceRecognizer
from auditor.phi.recognizers.phones import PagingListRecognizer, phone_recognizer
from auditor.phi.recognizers.place_named_bodies import PlaceNamedBodyRecognizer
from auditor.phi.recognizers.places import PlaceRecognizer
from auditor.phi.recognizers.site import SiteDictionaryRecognizer
from auditor.phi.recognizers.spoken import SpokenNumberRecognizer
from auditor.phi.recognizers.table_columns import TableColumnRecognizer
from auditor.phi.recognizers.teams import TeamRecognizer
from auditor.phi.recognizers.web import web_recognizer
from auditor.phi.recognizers.x12 import X12Recognizer


def build_pack(
    lexicon: Lexicon, dictionary: SiteDictionary, mrn_patterns: Sequence[str] = ()
) -> list[EntityRecognizer]:
    """Every recognizer, constructed once per engine."""
    numeric = [
        date_recognizer(),
        identifier_recognizer(mrn_patterns, also=coordinate_rules()),
        phone_recognizer(),
        national_id_recognizer(),
        PagingListRecognizer(),
    ]
    addresses = AddressRecognizer(lexicon)
    places = PlaceRecognizer(lexicon)
    facilities = FacilityRecognizer(lexicon)
    names = NameRecognizer(lexicon, dictionary.person_words)
    return [
        *numeric,
        SpokenNumberRecognizer(),
        web_recognizer(),
        OrganizationRecognizer(lexicon),
        addresses,
        places,
        facilities,
        HeadedNameRecognizer(lexicon),
        EmergencyServiceRecognizer(lexicon),
        PlaceNamedBodyRecognizer(lexicon),
        CustodyRecognizer(lexicon),
        CommerceRecognizer(lexicon),
        LocalGovernmentRecognizer(lexicon),
        ForcesRecognizer(),
        NewspaperRecognizer(lexicon),
        AirportRecognizer(),
        TeamRecognizer(lexicon),
        names,
        FieldNameRecognizer(lexicon),
        AddressFieldRecognizer(),
        JsonFieldRecognizer(),
        X12Recognizer(),
        DicomDumpRecognizer(),
        TableColumnRecognizer(lexicon),
        NameShapeRecognizer(lexicon),
        ArabicScriptRecognizer(),
        OriginPlaceRecognizer(lexicon),
        SiteDictionaryRecognizer(dictionary, lexicon),
    ]
