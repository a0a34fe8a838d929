// Terms a rephrase may only use when its source already does: medicines and their classes, products and
// equipment, body parts, conditions, procedures, professions and places of care, and actions on the body.
// A rephrase that brings in any of these (in any inflection) is new clinical content and is rejected.
// Kept as data for clinical review: add a term here rather than loosening the verifier.
// Terms are separated by spaces; a phrase is written with underscores (coconut_oil) or hyphens and matched
// with any spacing; "#" starts a comment line.
export const MEDICAL_TERMS_TEXT = `
# medicines, classes and substances
ibuprofen paracetamol acetaminophen aspirin naproxen diclofenac codeine tramadol opioid opiate morphine
painkiller pain_killer pain_relief analgesic nsaid anti-inflammatory
lidocaine lignocaine benzocaine prilocaine emla anaesthetic anesthetic numbing numb
botox botulinum valium diazepam benzodiazepine amitriptyline gabapentin pregabalin antidepressant ssri
muscle_relaxant relaxant baclofen
antibiotic antifungal antiviral clotrimazole fluconazole metronidazole canesten
steroid corticosteroid cortisone hydrocortisone clobetasol
estrogen oestrogen estradiol oestradiol progesterone testosterone hormone hrt
contraceptive contraception birth_control
pill tablet capsule supplement vitamin probiotic herb herbal remedy
cbd cannabis marijuana weed alcohol wine beer caffeine nicotine
medication medicine drug dose dosage prescription prescribe over-the-counter over_the_counter pharmacy
# products and equipment
cream gel ointment salve balm lotion spray suppository pessary patch
lube lubricant lubricate lubrication moisturiser moisturizer
dilator trainer vibrator dildo sex_toy wand
tampon menstrual_cup condom douche douching
oil coconut_oil olive_oil baby_oil vaseline petroleum_jelly silicone water-based oil-based essential_oil tea_tree aloe
heat_pack heating_pad hot_water_bottle ice ice_pack compress
bath warm_bath hot_bath epsom_salt shower warm_shower towel pillow blanket chair mirror timer
cotton_swab swab q-tip cotton_bud fingertip finger pinky hand
# treatments and procedures
surgery surgical operation procedure vestibulectomy hymenectomy perineoplasty laser biopsy
injection inject infusion anaesthesia anesthesia
therapy therapist physiotherapy physio physiotherapist physical_therapist physical_therapy pt
cbt counselling counseling counsellor counselor psychotherapy hypnosis hypnotherapy acupuncture biofeedback
electrical_stimulation radiofrequency shockwave ultrasound dry_needling trigger_point massage
exam examination test scan smear swab screening
# people and places of care
doctor physician gp gynaecologist gynecologist obgyn ob-gyn urologist dermatologist nurse midwife
psychologist psychiatrist sexologist pharmacist specialist surgeon osteopath chiropractor acupuncturist
naturopath clinician clinic hospital emergency_room a&e
# body
vagina vaginal vulva vulval vulvar vestibule vestibular labia clitoris cervix uterus womb ovary
hymen perineum perineal anus anal rectum rectal bladder urethra pelvis pelvic pelvic_floor genitals genital
penis hip glute buttock abdomen belly stomach rib diaphragm jaw tongue lip mouth throat shoulder knee calf
calves thigh ankle foot feet shin sit_bone sit_bones muscle nerve skin breast nipple spine neck
# conditions and symptoms
infection yeast thrush uti sti std herpes hpv cancer endometriosis vulvodynia vestibulodynia dyspareunia
vaginismus lichen_sclerosus sclerosus prolapse menopause perimenopause postpartum pregnancy pregnant birth baby
trauma ptsd anxiety depression panic
bleeding bleed blood fever discharge odour odor itching itch rash swelling inflammation tear tearing
spasm cramp scar dryness soreness tenderness numbness
# actions on the body and sexual activity
penetration penetrate penetrative insertion insert intercourse sex sexual orgasm masturbation masturbate
kegel squeeze clench thrust thrusting stretch dilate massage rub
arousal aroused foreplay kissing partner
`;

/** Phrases of unsafe advice: never allowed unless the source says them too. */
export const UNSAFE_PHRASES_TEXT = `
push through
pushing through
power through
through the pain
through any pain
no pain no gain
ignore the pain
ignore any pain
pain is normal
pain is expected
a little pain is fine
some pain is fine
some pain is okay
a bit of pain is okay
it's normal to bleed
bleeding is normal
force it
grit your teeth
even if it hurts
even when it hurts
doesn't matter if it hurts
no need for lube
skip the lube
without lube
skip the warm-up
go deeper
go further than
as far as you can
as deep as you can
all the way in
move up a size
next size up
speed up
faster
harder
`;
