"""Round 4 (issue 14) generated-tier templates, in the hand-written round-4 styles.

``{slot}`` marks a PHI value (``round4_gen.TYPES``; ``{state}``, ``{country}`` and ``{age}``
are ignored in scoring), ``[bait]`` a non-PHI look-alike from ``round4_gen.BAIT``. Styles in
``TEST_ONLY_STYLES`` exist only in the frozen test split; for the others, template index
``% 3 == 2`` goes to test. Written in one sitting before any detector change of round 4.
"""

from __future__ import annotations

STYLES: dict[str, list[str]] = {
    "dictation": [
        "this is doctor {name} dictating a clinic letter for {name} date of birth {dob} "
        "hospital number {mrn} period dear doctor {last} comma thank you for seeing this "
        "{age} year old man period [bait] period his wife {first} is on {phone} period "
        "new paragraph review in clinic on {date_partial} period end of dictation",
        "dictation for missus {name} seen on {date} at {hospital} period she is {age90} "
        "and lives at {street} {city} period [bait] period copy to {org} comma policy "
        "{member} period",
        "ok next one {last} comma {first} medical record number {mrn} period admitted "
        "{weekday} with chest pain period [bait] period discharged to {hospital} period "
        "daughter {first} {last} phone {phone} period",
    ],
    "ocr_fax": [
        "{hospital}   FAX {phone}   {date} 11:42   PAGE 1/2\nTO: Dr {name}\nRE: {upname}  "
        "DOB {dob}  MRN {mrn}\nFindings: [bait]. Please call {phone} with questions.",
        "FACSIMILE from {hospital}, {street}, {city} {postcode}\nPatient {name} Hosp No "
        "{mrn} seen {date}. [bait]. Reported by Dr {name}.",
        "...continued. Pt {upname} ({mrn}) was reviewed by Dr {last} on {date}. Phone "
        "{phone}. Plan: [bait]. Fax back to {phone}.",
    ],
    "staff_chat": [
        "[{date}, 07:02] {first}: bed 4 mr {last} pulled his line\n[{date}, 07:05] "
        "{first}: paging dr {last} on {pager}\n[{date}, 07:09] {first}: family "
        "({first}) on {phone}",
        "{first}: can someone cover 1900\n{first}: me. fyi pt {name} wife rang, number "
        "{phone}\n{first}: [bait]",
        "{first} (charge): mrs {last} [bait], rang dr {last} bleep {pager}\n{first}: her son "
        "{first} coming {weekday}",
    ],
    "email_thread": [
        "From: {name} <{email}>\nSent: {weekday} {date} 16:20\nTo: {name}\nSubject: RE: "
        "bed for {name}\n\nCan {hospital} take her from {weekday}? MRN {mrn}.\n\n{name} | "
        "Discharge Coordinator | {hospital}\n{street}, {city} {postcode} | {phone}\n\n> On "
        "{date}, {name} wrote:\n> Family asking; son {first} on {phone}.",
        "Hi {first},\nThe report for {name} ({mrn}) was opened from {ip}. Logs at {url}.\n"
        "Regards,\n{name}\nService Desk | ext {ext}",
        "{first} - can we add {name} (b. {year}, MRN {mrn}) to the {weekday} list? Path "
        "from {org} accession {id}. [bait].\n--\nDr {name} | {hospital} | P {phone} | "
        "{email}",
    ],
    "snf_transfer": [
        "SKILLED NURSING FACILITY TRANSFER FORM\nSending: {hospital}   Receiving: "
        "{hospital}\nResident: {upname}   DOB: {dob}   Age: {age90}\nInsurer: {org} "
        "#{member}\n[bait]\nPOA: {name} (son) {phone}\nSending RN: {name}",
        "Resident {name}, room 212B, {hospital}. Fall on {date_partial}. [bait]. NOK "
        "{name} {phone}. Sent via {org}.",
        "TRANSFER SHEET {hospital} to {hospital}\nName: {upname}  DOB {dob}  national id "
        "{nid}\nReason: [bait]. Contact {first} {last} {phone}.",
    ],
    "appeal_letter": [
        "{org}\nMember Appeals, {street}, {city}, {state} {postcode}\n\n{date}\n\nRE: "
        "appeal, claim {id}, member {name}, ID {member}, DOB {dob}\nI appeal the denial "
        "of [bait] for my patient Ms {last}.\nSincerely, {name}, MD, {hospital}, {phone}",
        "Dear {org},\nOn behalf of {name} (policy {member}) I ask you to review the claim "
        "{id} for the admission to {hospital} from {date} to {date}. [bait].\n{name}",
        "The appeal of {name} to {org} concerns treatment on {date}. His solicitor {name} "
        "of {org} asked for records by e-mail ({email}).",
    ],
    "polst": [
        "POLST\nPatient: {last}, {first}   DOB: {dob}\nSection A: DNR. [bait].\nAgent: "
        "{name} {phone}\nSigned {name}, NP, {date}, {hospital}, {city}",
        "ADVANCE DIRECTIVE\nI, {name}, of {street}, {city}, {state}, appoint {name} "
        "({phone}) as my agent. Signed {date}. Witness {name}.",
        "Goals of care form for {name} ({mrn}), {age90}, discussed with daughter {first} "
        "on {weekday}. [bait].",
    ],
    "enrolment_log": [
        "ENROLMENT LOG  Site {hospital}\n{id} | {initials} | {nid} | {date} | {name}\n{id} "
        "| {initials} | {nid} | {date} | {name}",
        "Screening log: subject {id} ({initials}), consented {date_partial} by {name}, "
        "screen fail ([bait]).",
        "Consent visit: {name}, participant {id}, mobile {phone}, address {street}, {city} "
        "{postcode}. Witness {name} {date}.",
    ],
    "death_cert": [
        "MEDICAL CERTIFICATE OF CAUSE OF DEATH\nDeceased: {name}  ID: {nid}\nDate of "
        "death: {date}  Place: {hospital}, {city}\nUsual residence: {street}, {city} "
        "{postcode}\nAge {age90}. Occupation: retired, {org}.\nInformant {name}, "
        "{phone}. Certified by Dr {name}.",
        "Death notice: {name} died at {hospital} on {date_partial}, aged {age90}. "
        "Funeral by {org}, {city}.",
        "Deceased {upname}, {country}, {age} y. Found at {street}, {city} on {date}. "
        "Neighbour {name}.",
    ],
    "lab_export": [
        "RESULTS EXPORT [bait] {stamp}\n{id}|{mrn}|{hl7name}|{compact}|K|5.9|H\n"
        "{id}|{mrn}|{hl7name}|{compact}|NA|131|L\noperator {first}",
        "{mrn},{hl7name},{iso},INR,3.4,H\n{mrn},{hl7name},{iso},INR,2.1,",
        "{stamp} WARN ORU rejected: PID-3 {mrn}; PID-5 {hl7name}; src {ip}",
    ],
    "cad_log": [
        "CAD {id}  {date} 02:11  {street}, {city}\nCALLER {upname} CB {phone}\nPT "
        "{upname} {age90} YO [bait]\nM41 ENRT",
        "INCIDENT {id} {date} {street} {city} - RP {name} {phone} - VEH plate {plate} "
        "driver {upname} {age} yo",
        "RUN {id} PT {upname} DOB {dob} PICKUP {street}, {city}. DEST {hospital}. CREW {initials}",
    ],
    "travel_clinic": [
        "travel clinic {date_partial}: {name} ({age}) to {country} with partner {first}. "
        "Works for {org}. [bait]. mobile {phone}, {email}",
        "Vaccination record: {name} DOB {dob} passport {id}. Given {date} by {name} at "
        "{hospital}, {street}, {city} {postcode}.",
        "Pre-travel: {first} {last}, employer {org}, leaving {weekday}. [bait]. Next appt "
        "{date_partial}.",
    ],
    "correctional": [
        "SICK CALL  Inmate {upname}  DOC# {id}  Housing {hospital}\nDate {weekday} "
        "{date_partial}  seen by {name}, PA-C\n[bait]. Sister {first} called {phone}.",
        "RECEPTION SCREEN {hospital} Prisoner no. {id} {upname} DOB {dob}. Methadone "
        "confirmed with {org} {phone}. Mother {first}, {street}, {city} {postcode}.",
        "Inmate request: {name} ({id}) asks for glasses. [bait]. Seen {date} by {last}.",
    ],
    "birth_register": [
        "BIRTH REGISTER {hospital}\n{id} | {name} | {mrn} | {date} | 03:52 | F | [bait] | "
        "{initials}\n{id} | {name} | {mrn} | {date} | 06:15 | M | [bait] | Dr {last}",
        "Baby of {name} (mother UR {mrn}) born {date} 23:58. [bait]. Father {first} "
        "{phone}. Address {street}, {city} {postcode}.",
        "Birth notification: {upname} delivered {weekday} {date_partial} at {hospital}, "
        "midwife {name}.",
    ],
    "radiology_worklist": [
        "WORKLIST {weekday} {date_partial}\n07:30 {upname} {mrn} ACC {id} MRI brain ref "
        "Dr {last}\n08:15 {upname} {mrn} ACC {id} CT chest [bait]",
        "09:00 {upname} {mrn} ACC {id} MRI knee. pacemaker serial {serial} - CHECK",
        "{hospital} CT list {date}: {upname} ({mrn}), {upname} ({mrn}). [bait].",
    ],
    "refill_fax": [
        "FAX REFILL REQUEST\nTo: {hospital} fax {phone}\nFrom: {org}, {street}, {city} "
        "{postcode} tel {phone}\nPatient {name} DOB {dob} ID {nid}\nRx: [bait]. Prescriber "
        "Dr {name}.",
        "Refill: {upname} DOB {dob} Rx {id} last filled {date_partial}. Dr {last} please "
        "sign. {org} {phone}",
        "pharmacy fax {date}: {name} requests early refill, travelling to {country}. "
        "Pharmacist {name} {phone}.",
    ],
    # frozen test split only
    "autopsy": [
        "AUTOPSY SUMMARY Case {id}\nDecedent {name}, {age90} y. Found at {street}, {city}, "
        "on {date}. Last seen {date_partial} by {name}. Pathologist {name}, MD.",
        "Post-mortem {id}: {upname}, DOB {dob}, {hospital}. Identified by {first} (son) "
        "{phone}. [bait].",
    ],
    "device_email": [
        "Dear {first},\nYour device (serial {serial}) data: [bait]. View at {url}. Call "
        "{name} on {phone}.\n{hospital}",
        "Pump {serial} alarmed for pt {name} ({mrn}) on {date}. Biomed {name}, ext {ext}. "
        "Report {id}.",
    ],
}

TEST_ONLY_STYLES = {"autopsy", "device_email"}
