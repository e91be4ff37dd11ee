import type { Role } from '../domain/policy/index.js';
import type { PmoMode, ProjectState, Stage } from '../domain/structure/index.js';

/**
 * The content of the demo organisation, Northwind Utilities: an electricity distribution
 * network operator in the middle of its regulatory period. Written by hand so the names read
 * like a real PMO's register; `demo-seed.ts` adds dates, budgets and history from a seeded PRNG.
 */

/** The person each demo role signs in as (`<role>@northwind.example`). */
export const DEMO_PEOPLE: Record<Role, string> = {
  administrator: 'Sam Okafor',
  'pmo-director': 'Helen Marsh',
  'pmo-manager': 'Raj Patel',
  'pmo-analyst': 'Chloe Evans',
  'pmo-coordinator': 'Tom Fletcher',
  'portfolio-manager': 'Aisha Rahman',
  'programme-manager': 'Gareth Lewis',
  'project-manager': 'Emma Clarke',
  'resource-manager': 'Daniel Nowak',
  sponsor: 'Margaret Doyle',
  'team-member': "Liam O'Brien",
  viewer: 'Nadia Haddad',
};

/** Demo roles held across the whole organisation; the others are granted on one record each. */
export const ORGANISATION_WIDE_ROLES: readonly Role[] = [
  'administrator',
  'pmo-director',
  'pmo-manager',
  'pmo-analyst',
  'pmo-coordinator',
  'resource-manager',
  'viewer',
];

/**
 * Colleagues who manage and sponsor the rest of the work. They cannot sign in (no password);
 * they read the whole organisation (viewer) and hold their role on the records they lead.
 */
export const STAFF = {
  ianFraser: 'Ian Fraser',
  lucyBarker: 'Lucy Barker',
  priyaShah: 'Priya Shah',
  marcusReid: 'Marcus Reid',
  fionaMacleod: 'Fiona MacLeod',
  sofiaCosta: 'Sofia Costa',
  jamesWhitfield: 'James Whitfield',
  hannahPrice: 'Hannah Price',
  owenHughes: 'Owen Hughes',
  benCarter: 'Ben Carter',
  zaraAhmed: 'Zara Ahmed',
  kieranWalsh: 'Kieran Walsh',
  ruthAdeyemi: 'Ruth Adeyemi',
  tomaszKowalski: 'Tomasz Kowalski',
  meganLloyd: 'Megan Lloyd',
  davidEllison: 'David Ellison',
  karenBooth: 'Karen Booth',
  simonHart: 'Simon Hart',
  richardKane: 'Richard Kane',
  joannePryce: 'Joanne Pryce',
} as const;
export type StaffKey = keyof typeof STAFF;

/** A person in the catalogue: a demo role's user, or a staff member. */
export type PersonKey = { role: Role } | { staff: StaffKey };

const staff = (key: StaffKey): PersonKey => ({ staff: key });
const demo = (role: Role): PersonKey => ({ role });

export type DemoPortfolio = { code: string; name: string; description: string; pmoMode: PmoMode | null; manager: PersonKey };

export const PORTFOLIOS: readonly DemoPortfolio[] = [
  {
    code: 'GRID',
    name: 'Network & Grid Modernisation',
    description: 'Keeping 2.3 million customers connected while the network makes room for heat pumps, EVs and local generation.',
    pmoMode: null,
    manager: demo('portfolio-manager'),
  },
  {
    code: 'CXD',
    name: 'Customer & Digital',
    description: 'How customers reach us, how we look after those who need us most, and the platforms and data behind it.',
    pmoMode: null,
    manager: staff('ianFraser'),
  },
  {
    code: 'BIZ',
    name: 'Business Change',
    description: 'People, property, fleet and ways of working. Run in supportive mode: the PMO guides, teams own their controls.',
    pmoMode: 'supportive',
    manager: staff('lucyBarker'),
  },
];

export type DemoProgramme = { code: string; portfolio: string; parent: string | null; name: string; description: string; manager: PersonKey };

export const PROGRAMMES: readonly DemoProgramme[] = [
  { code: 'SMART', portfolio: 'GRID', parent: null, name: 'Smart Grid', description: 'Automation, monitoring and control-room systems that let the network run itself closer to its limits, safely.', manager: demo('programme-manager') },
  { code: 'LVV', portfolio: 'GRID', parent: 'SMART', name: 'LV Visibility', description: 'Seeing the low-voltage network for the first time: monitors, smart-meter data and analytics (a tranche of Smart Grid).', manager: staff('priyaShah') },
  { code: 'NZC', portfolio: 'GRID', parent: null, name: 'Net Zero Connections', description: 'Faster, cheaper connections for renewables, storage, EV charging and heat pumps.', manager: staff('marcusReid') },
  { code: 'RESIL', portfolio: 'GRID', parent: null, name: 'Network Resilience', description: 'Storms, floods and ageing assets: the investment that keeps power cuts rare and short.', manager: staff('fionaMacleod') },
  { code: 'CX', portfolio: 'CXD', parent: null, name: 'Customer Experience', description: 'Every way a customer contacts us, and the extra help for customers in vulnerable circumstances.', manager: staff('sofiaCosta') },
  { code: 'DATA', portfolio: 'CXD', parent: null, name: 'Data & Digital Platforms', description: 'The enterprise platforms (ERP, data, GIS, mobile) and the move out of our own data centres.', manager: staff('jamesWhitfield') },
  { code: 'PEOPLE', portfolio: 'BIZ', parent: null, name: 'Workforce of the Future', description: 'Recruiting, training and keeping the engineers and specialists the next decade needs.', manager: staff('hannahPrice') },
  { code: 'OPS', portfolio: 'BIZ', parent: null, name: 'Operational Excellence', description: 'Depots, fleet, stores and procurement: lower cost and carbon in how we run.', manager: staff('owenHughes') },
];

export type DemoObjective = { code: string; parent: string | null; name: string; description: string; weight: number; measure: string; target: string };

export const OBJECTIVES: readonly DemoObjective[] = [
  { code: 'RES', parent: null, name: 'A resilient, reliable network', description: 'Fewer and shorter power cuts, whatever the weather.', weight: 30, measure: 'Customer minutes lost per customer per year (CML)', target: 'Below 30 CML by March 2028' },
  { code: 'RES-1', parent: 'RES', name: 'Cut the number and length of power cuts', description: 'Automation and faster fault finding on the HV and LV networks.', weight: 50, measure: 'Customer interruptions per 100 customers (CI)', target: 'Below 45 CI by March 2028' },
  { code: 'RES-2', parent: 'RES', name: 'Prepare for extreme weather', description: 'Flood defences, vegetation management and storm response.', weight: 30, measure: 'At-risk substations with flood defences (%)', target: '100% by March 2029' },
  { code: 'RES-3', parent: 'RES', name: 'Replace ageing assets on a risk basis', description: 'Spend where the monetised risk falls most per pound.', weight: 20, measure: 'Network asset risk (monetised, £m)', target: '15% below the 2023 baseline by 2028' },
  { code: 'NZ', parent: null, name: 'Enable net zero in our region', description: 'Make room on the network for low-carbon generation and demand.', weight: 30, measure: 'Low-carbon connections made per year', target: '45,000 a year by 2028' },
  { code: 'NZ-1', parent: 'NZ', name: 'Connect renewables faster', description: 'Shorter queues and flexible connection offers for generation and storage.', weight: 40, measure: 'Median time to connect generation (days)', target: 'Under 180 days by 2027' },
  { code: 'NZ-2', parent: 'NZ', name: 'Make room for EVs and heat pumps', description: 'Reinforce smartly, and buy flexibility where it is cheaper than copper.', weight: 40, measure: 'LV feeders with capacity headroom (%)', target: '90% of feeders by 2030' },
  { code: 'NZ-3', parent: 'NZ', name: 'Cut our own carbon footprint', description: 'Fleet, buildings and losses.', weight: 20, measure: 'Business carbon footprint (tCO2e)', target: '50% below 2019 by 2030' },
  { code: 'CUS', parent: null, name: 'Put customers first', description: 'Easy to deal with, and extra care for those who need it.', weight: 25, measure: 'Customer satisfaction (Ofgem survey, out of 10)', target: '9.0 by March 2028' },
  { code: 'CUS-1', parent: 'CUS', name: 'Support customers in vulnerable circumstances', description: 'Find, register and help the customers who depend most on a supply.', weight: 40, measure: 'Eligible households on the Priority Services Register (%)', target: '85% by 2028' },
  { code: 'CUS-2', parent: 'CUS', name: 'Make self-service the easy choice', description: 'Online, any time, in English and Welsh.', weight: 35, measure: 'Contacts resolved online (%)', target: '60% by 2028' },
  { code: 'CUS-3', parent: 'CUS', name: 'Get it right first time', description: 'Resolve contacts and complaints at the first touch.', weight: 25, measure: 'First-contact resolution (%)', target: '85% by 2027' },
  { code: 'EFF', parent: null, name: 'Run an efficient, safe, skilled business', description: 'Deliver the plan for less, and send everyone home safe.', weight: 15, measure: 'Totex against the ED2 allowance (%)', target: '3% under allowance across ED2' },
  { code: 'EFF-1', parent: 'EFF', name: 'Lower the cost to serve', description: 'Simpler processes, fewer systems, better use of data.', weight: 40, measure: 'Operating cost per customer (£)', target: '£58 by 2028' },
  { code: 'EFF-2', parent: 'EFF', name: 'Keep everyone safe', description: 'Staff, contractors and the public.', weight: 35, measure: 'Lost-time injury frequency rate (LTIFR)', target: 'Below 0.10' },
  { code: 'EFF-3', parent: 'EFF', name: 'Build the skills we need', description: 'Grow our own engineers and digital specialists.', weight: 25, measure: 'Roles filled by internal candidates (%)', target: '40% by 2028' },
];

export type ProjectSize = 'S' | 'M' | 'L' | 'XL';

export type DemoProject = {
  code: string;
  portfolio: string;
  programme: string | null;
  name: string;
  description: string;
  stage: Stage;
  state: ProjectState;
  /** Objective codes; empty leaves the project unaligned. */
  objectives: readonly string[];
  tags: readonly string[];
  /** Order of magnitude of the budget: S under £400k, M to £1.8m, L to £8m, XL above. */
  size: ProjectSize;
  /** When absent, the seed picks one of the portfolio's project managers or sponsors. */
  manager?: PersonKey;
  sponsor?: PersonKey;
  team?: readonly PersonKey[];
};

/** Project managers and sponsors the seed draws from, per portfolio. */
export const MANAGER_POOL: Record<string, readonly StaffKey[]> = {
  GRID: ['benCarter', 'zaraAhmed', 'kieranWalsh'],
  CXD: ['ruthAdeyemi', 'tomaszKowalski', 'zaraAhmed'],
  BIZ: ['meganLloyd', 'tomaszKowalski'],
};
export const SPONSOR_POOL: Record<string, readonly StaffKey[]> = {
  GRID: ['davidEllison'],
  CXD: ['karenBooth', 'simonHart'],
  BIZ: ['richardKane', 'joannePryce'],
};

type Row = [code: string, name: string, stage: Stage, state: ProjectState, objectives: string, tags: string, size: ProjectSize, description: string, extra?: Partial<DemoProject>];

const P: Stage = 'proposal';
const I: Stage = 'initiation';
const L: Stage = 'planning';
const D: Stage = 'delivery';
const C: Stage = 'closure';

const emma = demo('project-manager');
const margaret = demo('sponsor');
const liam = demo('team-member');

const GROUPS: readonly { portfolio: string; programme: string | null; rows: readonly Row[] }[] = [
  {
    portfolio: 'GRID',
    programme: 'SMART',
    rows: [
      ['SG-101', 'ADMS upgrade to version 4', D, 'active', 'RES-1 EFF-1', 'adms control-room ot', 'XL', 'Upgrade the Advanced Distribution Management System that runs the control room to a supported release, with the network model and outage management in one place.'],
      ['SG-102', 'FLISR roll-out on 400 HV circuits', D, 'active', 'RES-1', 'automation hv', 'L', 'Fault location, isolation and service restoration: automatic switching so most customers are back on supply within three minutes of an HV fault.', { manager: emma, team: [liam] }],
      ['SG-103', 'Secondary substation remote control', L, 'active', 'RES-1', 'automation substations', 'L', 'Fit remote terminal units to 1,200 secondary substations so the control room can switch them without a site visit.', { manager: emma }],
      ['SG-104', 'Dynamic line rating pilot', I, 'active', 'NZ-1', 'pilot overhead-lines innovation', 'S', 'Weather-based ratings on two 33 kV overhead lines to release capacity for wind farms without new build.'],
      ['SG-105', 'Network model data quality', C, 'completed', 'RES-3 EFF-1', 'data gis', 'M', 'Fix connectivity and asset attribute errors in the HV and LV network model before the ADMS upgrade.'],
      ['SG-106', 'Protection settings digitalisation', P, 'active', '', 'protection ot', 'S', 'Move relay settings from spreadsheets and paper into a managed database with change control.'],
      ['SG-107', 'OT cyber security monitoring', D, 'active', 'RES-1', 'cyber ot nis', 'M', 'Passive monitoring of control-system networks at grid and primary substations, as agreed with the NIS regulator.'],
    ],
  },
  {
    portfolio: 'GRID',
    programme: 'LVV',
    rows: [
      ['LV-201', 'LV monitoring at 5,000 substations', D, 'active', 'NZ-2 RES-1', 'lv monitoring sensors', 'L', 'Install feeder monitors at the 5,000 most loaded secondary substations to see voltage and load in near real time.', { manager: emma, team: [liam] }],
      ['LV-202', 'Smart meter data for LV planning', L, 'active', 'NZ-2', 'smart-meters data lv', 'M', 'Use aggregated smart-meter consumption and voltage data to plan LV reinforcement, within the data privacy plan.'],
      ['LV-203', 'Smart fuse trial', I, 'active', 'RES-1', 'lv innovation', 'S', 'Replace fuses on fault-prone LV circuits with self-resetting devices and measure the effect on repeat faults.'],
      ['LV-204', 'Phase imbalance analytics', P, 'active', 'NZ-2', 'analytics lv', 'S', 'Find LV feeders where rebalancing phases would defer reinforcement, from monitor and meter data.'],
    ],
  },
  {
    portfolio: 'GRID',
    programme: 'NZC',
    rows: [
      ['NZ-301', 'Connections portal for generators', D, 'active', 'NZ-1 CUS-2', 'connections portal renewables', 'M', 'Self-service applications, budget estimates and progress tracking for generation and storage connections.', { sponsor: margaret }],
      ['NZ-302', 'Flexible connections in the North', D, 'active', 'NZ-1', 'anm flexibility renewables', 'L', 'Active network management so new generators connect now and accept curtailment instead of waiting for reinforcement.'],
      ['NZ-303', 'EV charging hubs at motorway services', L, 'active', 'NZ-2', 'ev reinforcement', 'L', 'Reinforce supplies to six motorway service areas for high-power charging hubs.'],
      ['NZ-304', 'Heat pump readiness for terraced streets', I, 'active', 'NZ-2 CUS-1', 'heat-pumps lv', 'M', 'Survey and upgrade looped services and cut-outs in pre-war terraces ahead of heat pump demand.'],
      ['NZ-305', 'Flexibility market: second tender', D, 'active', 'NZ-2 EFF-1', 'flexibility dso', 'M', 'Buy demand turn-down and generation turn-up in constrained zones where it is cheaper than reinforcement.'],
      ['NZ-306', 'Community energy connection fund', P, 'active', '', 'community renewables', 'S', 'A fund and an advice service to help community energy groups through the connection process.'],
      ['NZ-307', 'Connection queue management', C, 'completed', 'NZ-1', 'connections regulation', 'S', 'Apply the new queue management rules: milestones for every accepted offer, and release of stalled capacity.'],
      ['NZ-308', 'Battery storage connection studies', L, 'on-hold', 'NZ-1', 'storage studies', 'S', 'Joint studies with the transmission operator for 40 battery storage applications; on hold pending the national connection reform.'],
    ],
  },
  {
    portfolio: 'GRID',
    programme: 'RESIL',
    rows: [
      ['RS-401', 'Flood defences at 30 primary substations', D, 'active', 'RES-2', 'flood substations climate', 'XL', 'Permanent flood barriers and raised equipment at the 30 primary substations in the 1-in-1000-year flood zone.'],
      ['RS-402', 'Storm resilience: tree cutting on 11 kV lines', D, 'active', 'RES-2 RES-1', 'vegetation storms overhead-lines', 'L', 'Cut back trees to the resilience standard on the 11 kV lines that fed the most customers lost in recent storms.'],
      ['RS-403', '132 kV cable replacement at the river crossing', L, 'active', 'RES-3', 'cables 132kv asset-replacement', 'XL', 'Replace two oil-filled 132 kV cables under the estuary, at the end of their life and leaking.'],
      ['RS-404', 'Transformer health monitoring', I, 'active', 'RES-3', 'transformers condition-monitoring', 'M', 'Online dissolved-gas analysis on the 120 grid and primary transformers with the worst health scores.'],
      ['RS-405', 'Black start and restoration plan', C, 'completed', 'RES-2', 'resilience emergency', 'M', 'Meet the Electricity System Restoration Standard: islanding, communications and drills.'],
      ['RS-406', 'Wood pole replacement 2027', P, 'active', 'RES-3', 'poles asset-replacement', 'L', 'Replace the 9,000 wood poles that failed their last inspection.'],
      ['RS-407', 'Mobile generation fleet renewal', I, 'cancelled', 'RES-2', 'generators fleet', 'M', 'Replace diesel mobile generators; cancelled in favour of hiring battery units during storms.'],
    ],
  },
  {
    portfolio: 'GRID',
    programme: null,
    rows: [
      ['GR-501', 'DSO functional separation', L, 'active', 'NZ-2 EFF-1', 'dso regulation', 'M', 'Separate distribution system operation from network ownership, with its own governance and reporting, as the licence requires.', { sponsor: margaret }],
      ['GR-502', 'Long-term development statement automation', P, 'active', '', 'regulation data', 'S', 'Produce the long-term development statement from the network model instead of by hand each year.'],
      ['GR-503', 'Innovation portfolio review', C, 'completed', 'NZ-1', 'innovation', 'S', 'Review the innovation projects of the last price control and move the ones that worked into business as usual.'],
    ],
  },
  {
    portfolio: 'CXD',
    programme: 'CX',
    rows: [
      ['CX-601', 'Power cut map and text alerts', D, 'active', 'CUS-2 CUS-3', 'web sms outages', 'M', 'A live power cut map and proactive texts with restoration times, fed by the control room.'],
      ['CX-602', 'Priority Services Register data sharing', D, 'active', 'CUS-1', 'psr data-sharing vulnerability', 'S', 'Share Priority Services Register data with the regional water companies so customers register once.', { sponsor: margaret }],
      ['CX-603', 'Contact centre telephony replacement', L, 'active', 'CUS-3 EFF-1', 'contact-centre telephony', 'L', 'Replace the end-of-life telephony platform with a cloud contact centre and call-back during storms.'],
      ['CX-604', 'Welsh language service', I, 'active', 'CUS-1', 'welsh accessibility', 'M', 'Full Welsh language service across phone, web and letters, to meet the Welsh Language Standards.'],
      ['CX-605', 'Complaints process redesign', C, 'completed', 'CUS-3', 'complaints process', 'S', 'One complaints process and case system, with root-cause reporting to the board.'],
      ['CX-606', 'Chat and messaging channel', P, 'active', 'CUS-2', 'chat digital', 'S', 'Web chat and WhatsApp for routine enquiries, handing over to an adviser when needed.'],
      ['CX-607', 'Welfare vans for vulnerable customers', D, 'on-hold', 'CUS-1', 'vulnerability storms', 'S', 'Welfare vans with hot food and charging for long power cuts; paused while the supplier contract is re-let.'],
      ['CX-608', 'Guaranteed standards payments automation', L, 'active', 'CUS-3 EFF-1', 'payments regulation', 'M', 'Pay guaranteed standards compensation automatically from outage records, without a claim.'],
    ],
  },
  {
    portfolio: 'CXD',
    programme: 'DATA',
    rows: [
      ['DT-701', 'Enterprise data platform', D, 'active', 'EFF-1 NZ-2', 'data cloud platform', 'L', 'One governed data platform for network, customer and finance data, replacing nine reporting databases.', { sponsor: margaret }],
      ['DT-702', 'SAP S/4HANA migration', L, 'active', 'EFF-1', 'erp sap finance', 'XL', 'Move finance, procurement and asset maintenance from ECC 6 to S/4HANA before support ends.'],
      ['DT-703', 'Field mobile app for engineers', D, 'active', 'EFF-1 EFF-2', 'mobile field-force', 'L', 'Jobs, drawings, permits and safety checks on one tablet app that works offline.'],
      ['DT-704', 'Identity and access management', I, 'active', 'EFF-1', 'security identity', 'M', 'Single sign-on and joiner-mover-leaver automation for 6,000 staff and contractors.'],
      ['DT-705', 'GIS platform upgrade', C, 'completed', 'RES-3', 'gis data', 'M', 'Upgrade the geographic information system and move the network records to the new data model.'],
      ['DT-706', 'Data centre exit', D, 'active', 'EFF-1 NZ-3', 'cloud infrastructure', 'L', 'Close the two on-premises data centres and move the remaining 140 applications to cloud hosting.'],
      ['DT-707', 'AI load forecasting', P, 'active', '', 'ai forecasting', 'S', 'Machine-learning forecasts of substation load from weather, calendar and low-carbon technology uptake.'],
      ['DT-708', 'Open data portal', I, 'cancelled', 'CUS-2 NZ-1', 'open-data regulation', 'S', 'Publish network capacity and asset data openly; cancelled and folded into the enterprise data platform.'],
    ],
  },
  {
    portfolio: 'CXD',
    programme: null,
    rows: [
      ['CD-801', 'Website accessibility to WCAG 2.2 AA', L, 'active', 'CUS-1 CUS-2', 'accessibility web', 'S', 'Audit and fix the public website and portals to WCAG 2.2 AA, with disabled customers testing.'],
      ['CD-802', 'Customer data privacy review', P, 'active', '', 'privacy gdpr', 'S', 'Review what customer data we hold, why, and for how long, and delete what we should not keep.'],
    ],
  },
  {
    portfolio: 'BIZ',
    programme: 'PEOPLE',
    rows: [
      ['PP-901', 'Apprentice academy expansion', D, 'active', 'EFF-3', 'apprentices training', 'L', 'Double the craft apprentice intake to 120 a year with a second training centre.'],
      ['PP-902', 'Workforce planning tool', L, 'active', '', 'hr planning', 'S', 'Forecast headcount and skills demand by depot and trade for the next eight years.'],
      ['PP-903', 'Home Safe: safety culture programme', D, 'active', 'EFF-2', 'safety culture', 'M', 'Leadership walk-rounds, near-miss reporting and a just culture for every team.'],
      ['PP-904', 'Leadership development 2027', I, 'active', 'EFF-3', 'leadership training', 'S', 'A development programme for first-line managers, built with the trade unions.'],
      ['PP-905', 'Hybrid working policy and tools', C, 'completed', 'EFF-3', 'hr workplace', 'S', 'Policy, desk booking and meeting rooms for hybrid office work.'],
      ['PP-906', 'Digital skills for field teams', P, 'active', 'EFF-3', 'skills digital', 'S', 'Training so every field engineer is confident with the mobile app, permits and remote support.'],
    ],
  },
  {
    portfolio: 'BIZ',
    programme: 'OPS',
    rows: [
      ['OP-1001', 'Fleet electrification: 400 vans', D, 'active', 'NZ-3 EFF-1', 'fleet ev net-zero', 'XL', 'Replace 400 diesel vans with electric ones, with chargers at depots and at engineers’ homes.'],
      ['OP-1002', 'Depot consolidation in the East', L, 'on-hold', 'EFF-1', 'property depots', 'L', 'Merge three depots into one new site; on hold while the planning application is decided.'],
      ['OP-1003', 'Procurement process simplification', I, 'active', '', 'procurement process', 'S', 'Fewer approval steps and catalogue buying for low-value, low-risk purchases.'],
      ['OP-1004', 'Stores and spares optimisation', D, 'active', 'EFF-1', 'inventory supply-chain', 'M', 'Right-size stock of critical spares across the regional stores, with a shared view of what is where.'],
      ['OP-1005', 'Solar panels on depots and offices', C, 'completed', 'NZ-3', 'solar property net-zero', 'M', 'Roof-mounted solar on 14 depots and the head office.'],
    ],
  },
  {
    portfolio: 'BIZ',
    programme: null,
    rows: [
      ['BZ-1101', 'Finance close in five days', P, 'active', '', 'finance process', 'S', 'Shorten the month-end close from nine working days to five.'],
      ['BZ-1102', 'Records management and retention', L, 'active', 'EFF-1', 'records compliance', 'S', 'A retention schedule applied to email, shared drives and paper archives.'],
    ],
  },
];

const words = (s: string): string[] => (s ? s.split(' ') : []);

/** Every demo project, in the order they are created. */
export const PROJECTS: readonly DemoProject[] = GROUPS.flatMap((g) =>
  g.rows.map(([code, name, stage, state, objectives, tags, size, description, extra]) => ({
    code,
    portfolio: g.portfolio,
    programme: g.programme,
    name,
    description,
    stage,
    state,
    objectives: words(objectives),
    tags: words(tags),
    size,
    ...extra,
  })),
);


/**
 * A demo plan: rows in outline order as `[depth, key, name, working days, links, extra]`.
 * Depth 1 is a phase (a summary: its days are ignored), deeper rows sit under the last row one
 * level up. 0 days makes a milestone. Links name predecessors by key, each with an optional
 * type and lag in working days: `'design'`, `'survey SS+5'`, `'tests FF-2'`. Durations, lags
 * and dates are stretched to fit the project's planned dates when seeded.
 */
export type DemoPlanRow = [depth: number, key: string, name: string, days: number, links?: string, extra?: DemoPlanExtra];
export type DemoPlanExtra = {
  /** Resources by key with units in percent (100 when left out): `'civils elec:50'`. */
  who?: string;
  /** Start no earlier than this many working days after the plan's start. */
  snet?: number;
  /** Finish no later than this many working days after the plan's start. */
  fnlt?: number;
  /** A deadline this many working days after the plan's start. */
  deadline?: number;
};
export type DemoPlan = {
  project: string;
  resources: readonly { key: string; name: string; kind?: 'work' | 'material'; maxUnits?: number; ratePounds: number }[];
  rows: readonly DemoPlanRow[];
  /** Changes made after baseline 0 was saved, as a person would: a task's duration, in working days, grows by `days`. */
  slips: readonly { key: string; days: number }[];
};

export const DEMO_PLANS: readonly DemoPlan[] = [
  {
    project: 'RS-401',
    resources: [
      { key: 'pm', name: 'Project manager', ratePounds: 68 },
      { key: 'survey', name: 'Survey team', ratePounds: 55 },
      { key: 'design', name: 'Civil design engineers', maxUnits: 2, ratePounds: 72 },
      { key: 'consents', name: 'Consents officer', ratePounds: 50 },
      { key: 'civils', name: 'Civils contractor crews', maxUnits: 3, ratePounds: 85 },
      { key: 'elec', name: 'Substation electrical team', maxUnits: 2, ratePounds: 78 },
    ],
    rows: [
      [1, 'init', 'Initiation', 0],
      [2, 'charter', 'Project charter approved', 0],
      [2, 'risk', 'Flood risk assessment of 30 primary substations', 15, 'charter', { who: 'survey design:50' }],
      [2, 'prio', 'Site prioritisation by consequence of flooding', 5, 'risk', { who: 'pm design' }],
      [2, 'gate1', 'Gate 1: sites and budget confirmed', 0, 'prio'],
      [1, 'des', 'Design', 0],
      [2, 'topo1', 'Topographic surveys, first 15 sites', 20, 'gate1', { who: 'survey' }],
      [2, 'topo2', 'Topographic surveys, second 15 sites', 20, 'topo1', { who: 'survey' }],
      [2, 'hyd', 'Hydraulic modelling of the 1-in-1000-year flood', 25, 'topo1 SS+10', { who: 'design' }],
      [2, 'barrier', 'Demountable barrier design', 20, 'hyd FS-5', { who: 'design' }],
      [2, 'plinth', 'Raised plinth design for switchgear', 15, 'barrier SS+5 topo2', { who: 'design:50' }],
      [2, 'review', 'Design review with operations', 3, 'barrier plinth', { who: 'pm design' }],
      [2, 'desok', 'Design approved', 0, 'review'],
      [1, 'cons', 'Consents', 0],
      [2, 'apps', 'Planning applications for 12 sites', 10, 'desok', { who: 'consents' }],
      [2, 'permits', 'Environment Agency flood risk activity permits', 30, 'apps SS', { who: 'consents:50' }],
      [2, 'decisions', 'Local planning decisions', 40, 'apps'],
      [2, 'consok', 'All consents in place', 0, 'permits decisions'],
      [1, 'proc', 'Procurement', 0],
      [2, 'tender', 'Civils framework mini-competition', 25, 'desok', { who: 'pm:50' }],
      [2, 'award', 'Contract award', 0, 'tender'],
      [2, 'make', 'Barrier manufacture and delivery', 60, 'award'],
      [2, 'steel', 'Plinth steelwork fabrication', 35, 'award SS+10'],
      [1, 'build', 'Construction', 0],
      [2, 'mob', 'Contractor mobilisation', 10, 'award consok', { who: 'civils' }],
      [2, 'b1', 'Batch 1: ten highest-risk sites', 0],
      [3, 'b1c', 'Batch 1 civils: bunds, walls and drainage', 40, 'mob make SS+20', { who: 'civils:200' }],
      [3, 'b1e', 'Batch 1 switchgear raised onto plinths', 25, 'b1c SS+15 steel', { who: 'elec' }],
      [3, 'b1t', 'Batch 1 barrier deployment drill', 3, 'b1c b1e FF', { who: 'civils:50 elec:50' }],
      [2, 'b2', 'Batch 2: ten sites', 0],
      [3, 'b2c', 'Batch 2 civils: bunds, walls and drainage', 40, 'b1c', { who: 'civils:200' }],
      [3, 'b2e', 'Batch 2 switchgear raised onto plinths', 25, 'b2c SS+15 b1e', { who: 'elec' }],
      [3, 'b2t', 'Batch 2 barrier deployment drill', 3, 'b2c b2e FF', { who: 'civils:50 elec:50' }],
      [2, 'b3', 'Batch 3: last ten sites', 0],
      [3, 'b3c', 'Batch 3 civils: bunds, walls and drainage', 40, 'b2c', { who: 'civils:200', fnlt: 330 }],
      [3, 'b3e', 'Batch 3 switchgear raised onto plinths', 25, 'b3c SS+15 b2e', { who: 'elec' }],
      [3, 'b3t', 'Batch 3 barrier deployment drill', 3, 'b3c b3e FF', { who: 'civils:50 elec:50' }],
      [1, 'close', 'Handover and closure', 0],
      [2, 'records', 'As-built drawings and asset records', 15, 'b3e SS+10', { who: 'design:50' }],
      [2, 'training', 'Barrier deployment training for field teams', 5, 'b1t'],
      [2, 'handover', 'Handover to network operations', 5, 'records training b3t', { who: 'pm' }],
      [2, 'closed', 'Project closed', 0, 'handover', { deadline: 400 }],
    ],
    slips: [
      { key: 'make', days: 15 },
      { key: 'b2c', days: 8 },
    ],
  },
  {
    project: 'SG-101',
    resources: [
      { key: 'pm', name: 'Project manager', ratePounds: 70 },
      { key: 'vendor', name: 'ADMS vendor team', maxUnits: 4, ratePounds: 120 },
      { key: 'ot', name: 'OT systems engineers', maxUnits: 3, ratePounds: 75 },
      { key: 'ctrl', name: 'Control engineers', maxUnits: 6, ratePounds: 62 },
      { key: 'sec', name: 'OT security analyst', ratePounds: 80 },
    ],
    rows: [
      [1, 'mob', 'Mobilisation', 0],
      [2, 'kickoff', 'Kick-off with the vendor', 0],
      [2, 'sow', 'Statement of work and release plan', 10, 'kickoff', { who: 'pm vendor' }],
      [2, 'envs', 'Test and training environments built', 20, 'sow', { who: 'ot:200' }],
      [1, 'design', 'Design', 0],
      [2, 'fds', 'Functional design specification', 25, 'kickoff SS+5', { who: 'vendor:200 ctrl:50' }],
      [2, 'ifd', 'Interface design: SCADA, GIS, outage management', 20, 'fds SS+10', { who: 'vendor ot' }],
      [2, 'secarch', 'Security architecture review', 10, 'ifd FF', { who: 'sec' }],
      [2, 'dsok', 'Design signed off', 0, 'fds ifd secarch'],
      [1, 'build', 'Build and configure', 0],
      [2, 'core', 'ADMS 4 core installed in test', 15, 'envs dsok', { who: 'vendor ot' }],
      [2, 'gis', 'GIS network model adapter', 30, 'core SS+5', { who: 'vendor ot:50' }],
      [2, 'scada', 'SCADA front-end migration', 35, 'core', { who: 'vendor:200 ot' }],
      [2, 'oms', 'Outage management integration', 25, 'gis FF+5', { who: 'vendor' }],
      [2, 'displays', 'Displays and network diagrams', 30, 'core SS+10', { who: 'ctrl:200' }],
      [1, 'test', 'Testing', 0],
      [2, 'fat', 'Factory acceptance test', 10, 'scada oms displays', { who: 'vendor:200 ctrl' }],
      [2, 'sat', 'Site acceptance test', 15, 'fat', { who: 'vendor ot ctrl' }],
      [2, 'perf', 'Performance and failover test', 10, 'sat SS+5', { who: 'ot vendor' }],
      [2, 'pen', 'Penetration test', 5, 'sat FF', { who: 'sec' }],
      [2, 'uat', 'Control engineer acceptance', 15, 'sat', { who: 'ctrl:300' }],
      [1, 'train', 'Training', 0],
      [2, 'ttt', 'Train the trainers', 5, 'uat SS', { who: 'vendor ctrl:200' }],
      [2, 'shifts', 'Control room training, six shifts', 30, 'ttt', { who: 'ctrl:300' }],
      [2, 'sim', 'Simulator storm exercises', 10, 'shifts FF', { who: 'ctrl:200' }],
      [1, 'cut', 'Cutover', 0],
      [2, 'dress', 'Dress rehearsal', 3, 'perf pen uat', { who: 'ot:200 vendor:200' }],
      [2, 'freeze', 'Change freeze begins (after the winter peak)', 0, 'dress', { snet: 150 }],
      [2, 'cutover', 'Cutover weekend', 2, 'freeze sim', { who: 'ot:300 vendor:200 ctrl:200' }],
      [2, 'hyper', 'Hypercare', 20, 'cutover', { who: 'vendor ot' }],
      [2, 'decom', 'Decommission ADMS 3', 10, 'hyper', { who: 'ot' }],
      [2, 'live', 'ADMS 4 in service, project closed', 0, 'decom', { deadline: 300 }],
    ],
    slips: [
      { key: 'hyper', days: 10 },
      { key: 'decom', days: 5 },
    ],
  },
  {
    project: 'RS-403',
    resources: [
      { key: 'pm', name: 'Project manager', ratePounds: 70 },
      { key: 'eng', name: 'Cable engineers', maxUnits: 2, ratePounds: 80 },
      { key: 'consents', name: 'Land and consents team', maxUnits: 2, ratePounds: 55 },
      { key: 'hdd', name: 'Directional drilling contractor', ratePounds: 150 },
      { key: 'jointers', name: 'Cable jointers', maxUnits: 4, ratePounds: 70 },
    ],
    rows: [
      [1, 'feas', 'Feasibility', 0],
      [2, 'start', 'Project start', 0],
      [2, 'route', 'Route options study', 20, 'start', { who: 'eng' }],
      [2, 'gi', 'Ground investigation at the river crossing', 25, 'route SS+5', { who: 'eng:50' }],
      [2, 'hddf', 'Directional drilling feasibility', 15, 'gi', { who: 'eng hdd:50' }],
      [2, 'chosen', 'Preferred route chosen', 0, 'route hddf'],
      [1, 'consent', 'Land and consents', 0],
      [2, 'wayleave', 'Wayleaves and easements with 14 landowners', 60, 'chosen', { who: 'consents:200' }],
      [2, 'marine', 'Marine licence for the river crossing', 80, 'chosen', { who: 'consents' }],
      [2, 'eia', 'Environmental appraisal', 30, 'chosen SS', { who: 'consents' }],
      [2, 'consented', 'Consents granted', 0, 'wayleave marine eia'],
      [1, 'design', 'Detailed design and procurement', 0],
      [2, 'spec', 'Cable system specification', 20, 'chosen', { who: 'eng:200' }],
      [2, 'order', 'Cable and accessories ordered', 0, 'spec'],
      [2, 'make', 'XLPE cable manufacture and type tests', 120, 'order'],
      [2, 'hddc', 'Drilling contract let', 15, 'spec', { who: 'pm' }],
      [1, 'outage', 'System access', 0],
      [2, 'book', 'Outage booked with the transmission operator', 5, 'chosen', { who: 'pm' }],
      [2, 'window', 'Outage window opens', 0, 'book', { snet: 200 }],
      [1, 'build', 'Construction', 0],
      [2, 'drill', 'Drill and ream the river crossing', 25, 'consented hddc', { who: 'hdd' }],
      [2, 'ducts', 'Land ducts and joint bays', 35, 'consented', { who: 'jointers:100' }],
      [2, 'pull', 'Cable pulling', 15, 'drill make ducts FF', { who: 'jointers:200' }],
      [2, 'joint', 'Jointing and terminations', 20, 'pull SS+5 window', { who: 'jointers:400' }],
      [2, 'oil', 'Drain and cap the oil-filled cables', 10, 'joint', { who: 'jointers:200' }],
      [1, 'comm', 'Commissioning', 0],
      [2, 'tests', 'After-installation tests', 5, 'joint', { who: 'eng' }],
      [2, 'energise', 'Energise the new circuits', 1, 'tests window', { who: 'eng' }],
      [2, 'reinstate', 'Land reinstatement', 20, 'energise SS', { who: 'consents:50' }],
      [2, 'done', 'Circuits in service', 0, 'energise oil', { deadline: 330 }],
    ],
    slips: [
      { key: 'marine', days: 20 },
    ],
  },
];
