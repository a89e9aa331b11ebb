"""Round 3 (issue 14) document templates: note styles no earlier corpus used.

Each style is a list of templates; ``{slot}`` marks a PHI value (see ``round3.SLOTS``), and
``[bait]`` marks a non-PHI value drawn from ``round3.BAIT`` (doses, ventilator settings,
product names, languages, scores): text a detector should leave alone. Styles named in
``TEST_ONLY_STYLES`` exist only in the frozen test split; for the others, template index
``% 3 == 2`` goes to test. Written in one sitting before any detector change of round 3.
"""

from __future__ import annotations

STYLES: dict[str, list[str]] = {
    "med_reconciliation": [
        "MEDICATION RECONCILIATION\nPatient: {name}   DOB: {dob}   MRN: {mrn}\n"
        "Source: community pharmacy {org} ({phone})\n1. metformin 500 mg BD - continue\n"
        "2. insulin glargine [dose] nocte - continue\n3. ramipril 5 mg - held ({date})\n"
        "Reconciled by {name}, pharmacist, {date}",
        "Med rec for {last}, {first} ({mrn}) on admission {date}. Brought own meds from "
        "{org}. Wife {first} confirms doses by phone {phone}. [bait] noted. No allergies.",
        "pharmacy note: pt {name} aged {age90} takes warfarin [dose] daily, last INR on "
        "{date_partial}. dispensed by {org}, {street}, {city} {postcode}. ph {phone}",
        "DISPENSING LABEL  Rx {id}\n{name}\nTake ONE tablet twice daily\n{org}  {phone}\n"
        "Dispensed {date}   Dr {last}",
        "Admission med list reviewed with patient's son {first} {last}. GP practice "
        "{hospital} faxed list on {date}. Discrepancy: [bait]. Pharm tech {first}.",
        "Reconciliation at transfer from {hospital} on {date}. Hospital number {mrn}. "
        "[bait]. Verified against {org} record; contact {phone}.",
    ],
    "billing_statement": [
        "{org}\n{street}\n{city} {postcode}\n\nSTATEMENT DATE {date}\nGuarantor: {name}\n"
        "Account {account}\nPatient: {name}\nDate of service {date}  Office visit  $145.00\n"
        "Questions? Call {phone}",
        "EXPLANATION OF BENEFITS\nMember: {name}  Member ID {member}\nProvider: {hospital}\n"
        "Claim {id} processed {date}. Amount billed $2,310.00; plan paid $1,850.00.",
        "Dear {name},\nYour account {account} with {hospital} is 90 days past due. Please "
        "pay by {date} or call our billing office on {phone} ext {ext}.\n{org} Collections",
        "Payment received from {name} on {date_partial} for account {account}, thank you. "
        "Remaining balance $40.00. Receipt {id}.",
        "billing query: mrs {last} rang about invoice {id} dated {date}; she says {org} "
        "insurance should cover it. policy no {member}. rang back on {phone}.",
        "INVOICE {id}\nBill to: {name}, {street}, {city}, {postcode}\nService: MRI brain "
        "{date}\nReferring: Dr {name}",
    ],
    "records_request": [
        "AUTHORIZATION FOR RELEASE OF INFORMATION\nPatient name: {name}\nDate of birth: "
        "{dob}\nMRN: {mrn}\nRelease to: {org}, {street}, {city} {postcode}\nRecords from "
        "{date} to {date}. Signed {name} on {date}.",
        "Re: subpoena for records of {name} (DOB {dob}), case no. {id}. Attorney {name} of "
        "{org} requests all notes from {hospital}. Contact {email} or {phone}.",
        "Records request received {date_partial} from {name} for her late father {name}. "
        "Copies posted to {street}, {city}. Ref {id}.",
        "Health Information Management\nRequest {id} - patient {last}, {first} - "
        "hospital no {mrn} - requested by {org} on {date} - fee waived.",
        "To whom it may concern, I, {name}, of {street}, {city} {postcode}, ask that my "
        "records from {hospital} be sent to Dr {last} at {hospital}. My phone is {phone}.",
        "ROI log {date}: {name} (MRN {mrn}) - disability claim, {org} - sent by {first}.",
    ],
    "appointment_sms": [
        "Hi {first}, reminder of your appt with Dr {last} at {hospital} on {date_partial} "
        "at 10:30. Reply C to confirm or call {phone}.",
        "{hospital}: {first}, your MRI is booked {date}. Please arrive 15 min early. "
        "Questions {phone}",
        "SCHEDULING EXPORT\nappt_id={id} pt={last}^{first} mrn={mrn} dob={dob} "
        "slot={date} clinic={hospital} phone={phone}",
        "Dear {name}, your appointment on {date} has been cancelled. To rebook call "
        "{phone} or email {email}.",
        "reminder sent to {phone} for {name} ({mrn}) - physio {date_partial} - no reply",
        "Your COVID booster is due. Ring {phone} to book. {hospital}",
    ],
    "incident_report": [
        "PATIENT SAFETY INCIDENT REPORT  Ref {id}\nDate of incident: {date}\nPatient: "
        "{name}, {age90}, MRN {mrn}\nLocation: Ward 4B, {hospital}\nDescription: found on "
        "floor by HCA {first} {last}. No injury. Daughter {first} informed by phone {phone}.",
        "Incident {id}: wrong-patient label. {name} ({mrn}) and {name} ({mrn}) shared a "
        "bay on {date_partial}. Reported by {name}, charge nurse.",
        "datix: pt {last} aged {age90} fall at 0300 {date}. [bait]. reviewed by dr {last}. "
        "family ({first}, {phone}) aware.",
        "Medication error report {date}: [bait] given instead of prescribed dose to {name} "
        "at {hospital}. Pharmacist {name} notified. Patient DOB {dob}.",
        "Near miss, {hospital}, {date}. Two patients named {last} on the same ward; ID "
        "bands checked. Reporter: {name} ({email}).",
        "Complaint {id} from {name} of {street}, {city} about care of her mother on "
        "{date_partial}. Acknowledged {date}.",
    ],
    "immunisation": [
        "IMMUNISATION RECORD\n{name}  DOB {dob}  NHI/ID {nid}\n{date}  Influenza  left "
        "deltoid  given by {first} {last}, RN  at {hospital}",
        "vaccine clinic {date_partial}: {name} ({age90}) - covid booster, no reaction. "
        "carer {first} present. [bait]",
        "Travel clinic: {name}, {street}, {city} {postcode}. Hep A and typhoid on {date}. "
        "Next dose due {date_partial}. Mobile {phone}.",
        "School immunisation consent: child {name}, parent/guardian {name}, phone {phone}, "
        "school {org}. Signed {date}.",
        "IMMS {date}: {last}, {first} - MMR #2 - lot recorded - {hospital} - {mrn}",
        "Pneumococcal given to {name} aged {age90} at home, {street}, {city}, by district "
        "nurse {first} on {date}.",
    ],
    "trial_screening": [
        "SCREENING LOG  Study ONC-17\nSubject {id}  initials {initials}  screened {date}\n"
        "Eligible: yes. Consent taken by {name}. Referred from {hospital}.",
        "Research note {date}: {name} ({mrn}) consented to the registry. Contact for "
        "follow-up: {email}, {phone}.",
        "trial visit wk 12 {date_partial} - subj {id} ({first} {last}) - [bait] - AE: none",
        "Participant {name}, {age90}, declined screening on {date}; prefers care at "
        "{hospital}. Husband {first} present.",
        "Consent form witnessed by {name} on {date}. Participant address: {street}, "
        "{city} {postcode}.",
        "Pre-screen list: {last} {mrn}; {last} {mrn}; {last} {mrn} - all under Dr {last}.",
    ],
    "coroner_referral": [
        "REFERRAL TO CORONER\nDeceased: {name}\nDOB {dob}   Date of death {date}\nAddress: "
        "{street}, {city} {postcode}\nHospital no {mrn}\nNext of kin: {name} ({phone})\n"
        "Referring doctor: Dr {name}, {hospital}",
        "Mortuary register {date}: {name}, {age90}, from Ward 9, {hospital}. Released to "
        "{org} funeral directors on {date_partial}.",
        "death verified 04:20 {date} by {name} RN. pt {last} aged {age90}. family "
        "({first}) informed by phone {phone}. [bait]",
        "Medical certificate of cause of death for {name} (NHS/ID {nid}) completed by Dr "
        "{last} on {date}.",
    ],
    "safeguarding": [
        "SAFEGUARDING REFERRAL\nChild: {name}  DOB {dob}\nSchool: {org}\nAddress: {street}, "
        "{city} {postcode}\nConcern raised by school nurse {name} on {date}. Mother "
        "{first} {last}, phone {phone}.",
        "School nurse log {date_partial}: {first} {last} (Year 6) seen for asthma; inhaler "
        "from {org}. Dad {first} called on {phone}.",
        "adult safeguarding: mr {last}, {age90}, lives alone at {street}. neighbour "
        "{first} concerned. gp {hospital}. case {id}.",
        "Strategy meeting {date} re {name}; present: {name} (social care), {name} (police), "
        "{name} ({hospital}).",
        "Referral {id} closed {date}. Family moved to {city}. New GP {hospital}.",
        "Home visit to {name} at {street}, {city} on {date_partial}. [bait]. Grandmother "
        "{first} is main carer ({phone}).",
    ],
    "interpreter_request": [
        "Interpreter booking {id}: [bait] interpreter for {name} ({mrn}) at {hospital}, "
        "{date} 09:00. Requested by {name}, ext {ext}.",
        "pls book [bait] interpreter for mr {last} on {date_partial}, clinic 3, contact "
        "daughter {first} {phone}",
        "Telephone interpreting used for {name}, DOB {dob}. Interpreter ID {id}. [bait].",
        "Language line call {date}: patient {first} {last}, [bait]. Consent for surgery "
        "explained by Dr {last}.",
    ],
    "bed_management": [
        "Subject: bed request\nHi {first},\nCan we get {last} ({mrn}) from ED to Ward 7 "
        "today? Needs side room. [bait]. Thanks, {name}\nBed manager, {hospital}, "
        "{phone}",
        "Flow huddle {date}: {last} {mrn} - awaiting transfer to {hospital}; {last} - "
        "discharge to {hospital} {date_partial}; [bait].",
        "Repatriation of {name} ({age90}) to {hospital} agreed with {name} on {date}. "
        "Transport booked via {org}, ref {id}.",
        "DTOC list: {name}, {mrn}, medically fit since {date_partial}, awaiting care home "
        "({hospital}). Family contact {phone}.",
    ],
    "it_ticket": [
        "Ticket {id}: user {email} cannot open chart for {name} (MRN {mrn}) in [bait]. "
        "Reported {date}.",
        "Incident {id} - duplicate record: {last}, {first} DOB {dob} appears twice ({mrn} and "
        "{mrn}). Merge requested by {name}.",
        "helpdesk: printer on ward 5 printed {last}'s labels ({mrn}) at {hospital} "
        "pharmacy. fixed {date_partial}. [bait]",
        "Change request {id}: update address for {name} to {street}, {city} {postcode}; "
        "phone {phone}. Approved {date}.",
    ],
    "genetics": [
        "GENETIC COUNSELLING\nProband: {name}, DOB {dob}, {mrn}\nMother {first} {last} "
        "(breast ca age 44, d. {year}); maternal aunt {first} (ovarian ca). Father "
        "{first}, well. Seen {date} at {hospital}.",
        "pedigree: pt {first}, sister {first} {last} tested at {hospital} in {year} "
        "(BRCA2 +). cousin {first} in {city} not tested. [bait]",
        "Letter to {name}: your result (lab ref {id}) is ready. Please ring {phone} to "
        "book a results appointment. {hospital} Genetics",
        "Family history taken {date_partial} from {name}: grandfather {name} died in {year} "
        "aged {age90}.",
    ],
    "telehealth_chat": [
        "[09:02] {first}: hi dr {last}, my mum {first} {last} has a fever since "
        "{date_partial}\n[09:03] Dr {last}: How old is she?\n[09:03] {first}: {age90}\n"
        "[09:04] Dr {last}: Please bring her to {hospital}. Call {phone} on the way.",
        "video visit {date}: {name} joined from {city}. [bait]. e-script sent to {org}. "
        "follow up {date_partial}.",
        "Chat transcript {id}\npatient: this is {name}, dob {dob}, my number is {phone}\n"
        "nurse {first}: thanks, I see you at {street}, {city}?\npatient: yes",
        "Telehealth note {date}: {name} (MRN {mrn}) reviewed remotely by {name}. Next "
        "visit {date_partial}. Email summary to {email}.",
    ],
    "physio_note": [
        "PHYSIOTHERAPY\n{date} {name} {age90} post TKR. [bait]. Walked 40 m with frame. "
        "Plan: discharge home to {street}, {city} with daughter {first}.",
        "physio {date_partial}: mr {last} ({mrn}), [bait], goals reviewed. wife {first} "
        "ph {phone}.",
        "OT home visit {date} at {street}, {city} {postcode} for {name}. Rails fitted by {org}.",
        "Rehab referral to {hospital} for {name}, DOB {dob}, hospital no {mrn}. Referred "
        "by {name} on {date}.",
        "Hydrotherapy at {hospital} pool {date_partial}; {first} {last} [bait].",
        "Discharge from physio {date}: {last}, {first}. GP {hospital} informed. Tel {phone}.",
    ],
}

# Styles only the frozen test split ever sees (nobody develops on them).
TEST_ONLY_STYLES = {"coroner_referral", "it_ticket", "genetics", "telehealth_chat"}
