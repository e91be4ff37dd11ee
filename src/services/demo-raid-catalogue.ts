import type { IssuePriority } from '../domain/raid/issue-rules.js';
import type { DependencyStatus } from '../domain/raid/log-rules.js';
import type { ResponseStrategy } from '../domain/raid/risk-rules.js';

/**
 * The RAID content of the demo organisation, written by hand so it reads like a real PMO's
 * registers: risks (threats and opportunities) by portfolio and for every project, the
 * flagship projects' own risks quantified on their plans, issues, assumptions, decisions and
 * the dependencies between projects. `demo-raid.ts` picks from it with the seeded PRNG and
 * dates it around the demo's anchor.
 */

export type RiskTemplate = {
  kind?: 'opportunity';
  title: string;
  cause: string;
  event: string;
  effect: string;
  category: string;
  strategy: ResponseStrategy;
  response: string;
  /** Actions that carry out the response. */
  actions: readonly string[];
};

/** Risks any project can carry. */
export const COMMON_RISKS: readonly RiskTemplate[] = [
  {
    title: 'Key people pulled onto storm response',
    cause: 'Project staff are also on the emergency response rota.',
    event: 'A run of winter storms takes the core team off the project for weeks.',
    effect: 'Milestones slip and the work has to be re-sequenced around the storm season.',
    category: 'Resourcing',
    strategy: 'reduce',
    response: 'Name deputies for every key role and agree with operations who stays on the project during amber warnings.',
    actions: ['Name a deputy for each key role', 'Agree storm-rota cover with operations'],
  },
  {
    title: 'Supplier cannot hold its tendered prices',
    cause: 'Steel, copper and labour costs are still volatile.',
    event: 'The supplier asks to re-open the price before the contract is signed.',
    effect: 'The project costs more than its approved budget or the award is delayed.',
    category: 'Commercial',
    strategy: 'transfer',
    response: 'Fixed prices for the first two years with an index-linked adjustment after that, written into the contract.',
    actions: ['Ask procurement for the indexation clause', 'Confirm the price validity period with the bidders'],
  },
  {
    title: 'Scope grows as stakeholders see the benefits',
    cause: 'Other teams ask to add their needs once the project is visible.',
    event: 'Change requests arrive faster than they can be assessed.',
    effect: 'The project loses focus and the original outcomes are delivered late.',
    category: 'Scope',
    strategy: 'avoid',
    response: 'Every addition goes through change control; anything not in the business case goes into a second phase.',
    actions: ['Publish the scope statement on the project page', 'Set up the change control board'],
  },
  {
    title: 'Business readiness lags behind delivery',
    cause: 'Operational teams are busy with business as usual.',
    event: 'The teams who must use the new way of working are not trained when it goes live.',
    effect: 'Benefits start months later than the business case assumes.',
    category: 'Change management',
    strategy: 'reduce',
    response: 'Change champions in every affected team and a readiness checklist at each gate.',
    actions: ['Recruit change champions', 'Run the first readiness assessment'],
  },
  {
    title: 'Approval at the investment committee is deferred',
    cause: 'The committee meets quarterly and its agenda is full before the regulatory submission.',
    event: 'The project misses the committee date and waits for the next one.',
    effect: 'Three months lost before the next stage can start.',
    category: 'Governance',
    strategy: 'reduce',
    response: 'Book the agenda slot now and brief the committee members one to one before the meeting.',
    actions: ['Book the committee slot', 'Brief the finance director'],
  },
  {
    kind: 'opportunity',
    title: 'Innovation funding could cover part of the cost',
    cause: 'The regulator’s innovation fund is open for network projects like this one.',
    event: 'A bid for innovation funding succeeds.',
    effect: 'Up to a fifth of the cost is funded outside the price control allowance.',
    category: 'Commercial',
    strategy: 'exploit',
    response: 'Write the bid with the innovation team in time for the next funding window.',
    actions: ['Draft the innovation funding bid'],
  },
];

/** Risks of each portfolio's kind of work. */
export const PORTFOLIO_RISKS: Record<string, readonly RiskTemplate[]> = {
  GRID: [
    {
      title: 'Outage windows refused at short notice',
      cause: 'The network has little spare capacity in winter and outages are booked against forecast demand.',
      event: 'The control room cancels planned outages when demand or faults rise.',
      effect: 'Site work stops and crews stand idle; each cancelled window costs about two weeks.',
      category: 'Operational',
      strategy: 'reduce',
      response: 'Plan work for the summer outage season and hold a reserve window for every critical site.',
      actions: ['Book the summer outage windows', 'Agree reserve windows with the control room'],
    },
    {
      title: 'Long lead times for switchgear and transformers',
      cause: 'Every network operator is buying the same equipment for net zero.',
      event: 'Manufacturers quote 60 weeks or more for delivery.',
      effect: 'Installation waits for equipment and the programme slips.',
      category: 'Supply chain',
      strategy: 'reduce',
      response: 'Place framework call-offs early and reserve factory slots for the whole programme.',
      actions: ['Reserve factory slots under the framework', 'Track deliveries weekly with the suppliers'],
    },
    {
      title: 'Landowner refuses access for the works',
      cause: 'Wayleaves on older routes were agreed decades ago and owners have changed.',
      event: 'A landowner refuses access or asks for compensation we cannot agree.',
      effect: 'The route has to be redesigned or the work waits for a statutory process.',
      category: 'Consents',
      strategy: 'reduce',
      response: 'Land officers contact every owner six months before the work, with a standard offer.',
      actions: ['Write to the affected landowners'],
    },
    {
      title: 'Control room systems change freeze blocks cut-in',
      cause: 'The ADMS upgrade imposes a change freeze on control room systems.',
      event: 'New equipment cannot be added to the network model during the freeze.',
      effect: 'Commissioning waits until the freeze lifts.',
      category: 'Dependencies',
      strategy: 'accept',
      response: 'Plan commissioning around the freeze dates published by the ADMS project.',
      actions: ['Get the freeze dates from the ADMS project'],
    },
    {
      title: 'Safety incident during live working',
      cause: 'Work near energised equipment by mixed teams of staff and contractors.',
      event: 'A near miss or injury stops the work while it is investigated.',
      effect: 'Work paused on every site for the investigation; people could be hurt.',
      category: 'Health and safety',
      strategy: 'reduce',
      response: 'Joint safety briefings, a single permit system, and leadership site visits every month.',
      actions: ['Run the joint safety briefing', 'Schedule leadership site visits'],
    },
    {
      kind: 'opportunity',
      title: 'Share excavation with the water company',
      cause: 'The water company plans main replacement along part of the same route.',
      event: 'We agree to dig once and share the trench.',
      effect: 'Civils cost down and less disruption for residents.',
      category: 'Commercial',
      strategy: 'share',
      response: 'Agree a joint works plan and cost share with the water company.',
      actions: ['Meet the water company’s works planner'],
    },
  ],
  CXD: [
    {
      title: 'Legacy data too poor to migrate',
      cause: 'Customer and asset records have been keyed by hand for twenty years.',
      event: 'Data profiling shows duplicates and gaps beyond what the migration can clean.',
      effect: 'Go-live waits for a data clean-up, or wrong data reaches customers.',
      category: 'Data',
      strategy: 'reduce',
      response: 'Profile the data now and start the clean-up in the source systems before the migration.',
      actions: ['Run the data profiling', 'Agree the data quality thresholds for go-live'],
    },
    {
      title: 'Vendor misses the release date',
      cause: 'The vendor’s product roadmap serves many customers, not only us.',
      event: 'A feature we rely on ships a release late.',
      effect: 'Testing and go-live move to the right.',
      category: 'Supplier',
      strategy: 'reduce',
      response: 'Monthly roadmap reviews with the vendor and a workaround designed for each critical feature.',
      actions: ['Set up the monthly roadmap review'],
    },
    {
      title: 'Cyber security weakness found late',
      cause: 'Integration with customer data widens the attack surface.',
      event: 'The penetration test finds a critical vulnerability shortly before go-live.',
      effect: 'Go-live is delayed until it is fixed; a breach would be reportable.',
      category: 'Security',
      strategy: 'reduce',
      response: 'Security architect on the design authority and an early penetration test on the first release.',
      actions: ['Book an early penetration test', 'Add the security architect to design reviews'],
    },
    {
      title: 'Customers in vulnerable circumstances left behind',
      cause: 'New digital channels suit customers who are online and confident.',
      event: 'Customers on the Priority Services Register cannot use the new service.',
      effect: 'Complaints, a regulatory finding, and harm to customers who depend on us.',
      category: 'Customer',
      strategy: 'avoid',
      response: 'Keep the assisted channels and test every release with customers from the register.',
      actions: ['Recruit a customer test panel from the register'],
    },
    {
      title: 'Contact centre cannot release advisers for training',
      cause: 'Call volumes peak in winter and the centre runs at full occupancy.',
      event: 'Training sessions are cancelled to answer calls.',
      effect: 'Advisers go live untrained and handling times rise.',
      category: 'Resourcing',
      strategy: 'reduce',
      response: 'Train in the quiet summer months with short e-learning modules and floor walkers at go-live.',
      actions: ['Agree the training calendar with the contact centre'],
    },
    {
      kind: 'opportunity',
      title: 'Reuse the enterprise data platform’s integration layer',
      cause: 'The data platform already has interfaces to most source systems.',
      event: 'We build on its integration layer instead of writing our own.',
      effect: 'Weeks of build saved and one fewer thing to support.',
      category: 'Technology',
      strategy: 'exploit',
      response: 'Design against the platform’s interfaces and agree a service level with its team.',
      actions: ['Review the integration catalogue with the data platform team'],
    },
  ],
  BIZ: [
    {
      title: 'Trade union consultation takes longer than planned',
      cause: 'The change affects terms and conditions for field staff.',
      event: 'Consultation runs past its planned end.',
      effect: 'The change cannot start on the planned date.',
      category: 'People',
      strategy: 'reduce',
      response: 'Involve the unions in the design from the start and agree the consultation timetable up front.',
      actions: ['Agree the consultation timetable with the unions'],
    },
    {
      title: 'Planning permission refused or delayed',
      cause: 'Local residents object to new depot buildings and traffic.',
      event: 'The council refuses the application or defers it to committee.',
      effect: 'The site cannot be built on time; the old sites stay open longer.',
      category: 'Consents',
      strategy: 'reduce',
      response: 'Early engagement with residents and the planning officer; a traffic plan with the application.',
      actions: ['Hold the residents’ drop-in session'],
    },
    {
      title: 'Savings counted twice with other projects',
      cause: 'Several projects claim the same reduction in cost.',
      event: 'Finance finds overlapping benefits at the annual review.',
      effect: 'The business case no longer stands and funding is questioned.',
      category: 'Benefits',
      strategy: 'avoid',
      response: 'Benefits agreed with finance and recorded once in the benefits register.',
      actions: ['Reconcile benefits with finance'],
    },
    {
      title: 'Charging capacity at depots not ready',
      cause: 'Depot supplies need reinforcement before chargers can be fitted.',
      event: 'Reinforcement finishes after the vehicles arrive.',
      effect: 'Electric vehicles sit unused or charge off-site at higher cost.',
      category: 'Dependencies',
      strategy: 'reduce',
      response: 'Sequence deliveries to depots whose supplies are already reinforced.',
      actions: ['Map depot supply capacity against the delivery schedule'],
    },
    {
      kind: 'opportunity',
      title: 'Government grant for the change',
      cause: 'A government scheme funds employers making this kind of change.',
      event: 'Our application for the grant succeeds.',
      effect: 'Part of the cost is met by the grant.',
      category: 'Commercial',
      strategy: 'enhance',
      response: 'Apply in the first funding round with the evidence the scheme asks for.',
      actions: ['Prepare the grant application'],
    },
  ],
};

/** A flagship project's own risk: its rating, and where quantified, its effect on named plan tasks (catalogue keys) and cost in pounds. */
export type PlanRisk = RiskTemplate & {
  rating: [probability: number, impact: number];
  residual?: [probability: number, impact: number];
  /** Ratings at earlier reviews, oldest first, each with its note and how many days before the anchor. */
  history?: readonly { daysBefore: number; rating: [number, number]; note: string }[];
  proximityDays?: number;
  quantified?: { probability: number; tasks: readonly { key: string; min: number; mode: number; max: number }[]; costPounds?: [number, number, number] };
  /** The risk happened: it becomes an issue with this first action. */
  occurred?: { action: string; dueDays: number };
};

export const PLAN_RISKS: Record<string, readonly PlanRisk[]> = {
  'RS-401': [
    {
      title: 'Barrier manufacturer cannot meet the delivery dates',
      cause: 'A single approved manufacturer of demountable barriers, with a full order book.',
      event: 'Barrier sections arrive after batch civils are ready for them.',
      effect: 'Sites stay unprotected through another flood season; crews wait.',
      category: 'Supply chain',
      strategy: 'reduce',
      response: 'Staged deliveries agreed batch by batch, with a second manufacturer qualified for batch 3.',
      actions: ['Qualify a second barrier manufacturer', 'Agree staged delivery dates'],
      rating: [4, 4],
      residual: [3, 3],
      history: [
        { daysBefore: 120, rating: [3, 4], note: 'raised at the design review' },
        { daysBefore: 45, rating: [5, 4], note: 'manufacturer warned of a steel shortage' },
      ],
      quantified: { probability: 0.45, tasks: [{ key: 'make', min: 5, mode: 15, max: 35 }], costPounds: [20_000, 60_000, 180_000] },
    },
    {
      title: 'Ground conditions need piled foundations',
      cause: 'Several substations sit on reclaimed land with little site investigation.',
      event: 'Trial pits show the walls need piles instead of strip foundations.',
      effect: 'Civils take longer and cost more at the affected sites.',
      category: 'Technical',
      strategy: 'reduce',
      response: 'Site investigation at every batch 2 and 3 site before the design is frozen.',
      actions: ['Commission the site investigations for batch 2'],
      rating: [3, 4],
      residual: [2, 3],
      quantified: { probability: 0.3, tasks: [{ key: 'b2c', min: 5, mode: 10, max: 20 }, { key: 'b3c', min: 5, mode: 10, max: 20 }], costPounds: [150_000, 400_000, 900_000] },
    },
    {
      title: 'Environment Agency permits delayed',
      cause: 'Flood risk activity permits are needed for works within 8 m of a main river.',
      event: 'The Agency asks for more information and the permit clock restarts.',
      effect: 'Construction cannot start at those sites.',
      category: 'Consents',
      strategy: 'reduce',
      response: 'Pre-application meetings for each permit and one point of contact at the Agency.',
      actions: ['Hold pre-application meetings for the river sites'],
      rating: [3, 3],
      history: [{ daysBefore: 90, rating: [4, 3], note: 'pre-application meetings held; fewer queries expected' }],
    },
    {
      title: 'Civils crew shortage in the summer peak',
      cause: 'The civils framework serves every capital programme and peaks in summer.',
      event: 'The contractor cannot put three crews on site at once.',
      effect: 'Batches overlap less and the last batch finishes late.',
      category: 'Resourcing',
      strategy: 'accept',
      response: 'Accepted: the plan levels batch 2 and 3 civils if only two crews are available.',
      actions: [],
      rating: [4, 3],
      occurred: { action: 'Re-sequence batch 2 with two crews', dueDays: -10 },
    },
    {
      kind: 'opportunity',
      title: 'Reuse barrier design across the county council’s sites',
      cause: 'The council is protecting its own pumping stations nearby.',
      event: 'The council adopts our barrier design and shares the tooling cost.',
      effect: 'Unit cost of barriers falls for both organisations.',
      category: 'Commercial',
      strategy: 'share',
      response: 'Offer the design under licence and agree a joint order.',
      actions: ['Meet the council’s flood resilience team'],
      rating: [2, 3],
      residual: [3, 3],
    },
  ],
  'SG-101': [
    {
      title: 'SCADA front-end migration overruns',
      cause: 'Twenty years of custom point configuration in the old front end.',
      event: 'Point-to-point testing finds more mapping errors than the vendor planned for.',
      effect: 'Factory acceptance moves right, and with it the cutover weekend.',
      category: 'Technical',
      strategy: 'reduce',
      response: 'Automated point mapping checks and a second vendor team on the migration.',
      actions: ['Run the automated point mapping check', 'Agree the second vendor team'],
      rating: [4, 5],
      residual: [3, 4],
      history: [
        { daysBefore: 150, rating: [3, 4], note: 'raised at the design sign-off' },
        { daysBefore: 60, rating: [4, 4], note: 'first mapping run found 6% errors' },
        { daysBefore: 20, rating: [4, 5], note: 'cutover now at risk of moving into winter' },
      ],
      quantified: { probability: 0.5, tasks: [{ key: 'scada', min: 5, mode: 12, max: 30 }], costPounds: [40_000, 120_000, 300_000] },
    },
    {
      title: 'Cutover slips into the winter peak',
      cause: 'The change freeze only allows cutover outside the winter peak.',
      event: 'Testing finishes too late for the last weekend before the freeze.',
      effect: 'Cutover waits months; ADMS 3 support costs continue.',
      category: 'Schedule',
      strategy: 'avoid',
      response: 'Hold the dress rehearsal six weeks before the freeze and a go/no-go at the steering group.',
      actions: ['Book the go/no-go at the steering group'],
      rating: [3, 5],
      residual: [2, 5],
      proximityDays: 10,
      quantified: { probability: 0.25, tasks: [{ key: 'cutover', min: 10, mode: 20, max: 40 }], costPounds: [100_000, 250_000, 500_000] },
    },
    {
      title: 'Control engineers unavailable for acceptance',
      cause: 'The control room runs at minimum staffing after retirements.',
      event: 'Engineers cannot be released for the acceptance tests.',
      effect: 'User acceptance takes longer and finds problems later.',
      category: 'Resourcing',
      strategy: 'reduce',
      response: 'Overtime budget for backfill and acceptance tests scheduled on day shifts only.',
      actions: ['Approve the backfill overtime'],
      rating: [3, 3],
      residual: [2, 3],
    },
    {
      title: 'Penetration test finds critical vulnerabilities',
      cause: 'ADMS 4 opens new interfaces to the corporate network.',
      event: 'The penetration test finds a critical finding that blocks go-live.',
      effect: 'Cutover waits for a vendor fix; the NIS regulator must be told.',
      category: 'Security',
      strategy: 'reduce',
      response: 'Security architecture review before build and the vendor’s hardening guide applied in test.',
      actions: ['Apply the vendor hardening guide in test'],
      rating: [2, 5],
      residual: [1, 5],
    },
    {
      kind: 'opportunity',
      title: 'Switch off ADMS 3 early and save support fees',
      cause: 'ADMS 3 support is charged per quarter.',
      event: 'Hypercare ends early and the old system is decommissioned a quarter sooner.',
      effect: 'A quarter’s support fee saved.',
      category: 'Commercial',
      strategy: 'enhance',
      response: 'Agree exit criteria for hypercare now so decommissioning can start as soon as they are met.',
      actions: ['Agree hypercare exit criteria'],
      rating: [2, 2],
    },
  ],
  'RS-403': [
    {
      title: 'Marine licence delayed by the licensing authority',
      cause: 'The river crossing is within a protected estuary.',
      event: 'The marine licence needs a further environmental survey season.',
      effect: 'Drilling cannot start until the licence is granted; the outage window may be missed.',
      category: 'Consents',
      strategy: 'reduce',
      response: 'Start the bird survey this season and submit the licence with the full appraisal.',
      actions: ['Commission the wintering bird survey', 'Submit the marine licence application'],
      rating: [4, 5],
      residual: [3, 4],
      history: [
        { daysBefore: 100, rating: [3, 4], note: 'raised at route selection' },
        { daysBefore: 30, rating: [4, 5], note: 'authority asked for a second survey season' },
      ],
      quantified: { probability: 0.4, tasks: [{ key: 'marine', min: 10, mode: 30, max: 60 }] },
    },
    {
      title: 'Drilling meets unexpected ground under the river',
      cause: 'Only two boreholes were possible in the river bed.',
      event: 'The drill hits boulders or running sand and the bore collapses.',
      effect: 'A second bore is needed; weeks and hundreds of thousands of pounds lost.',
      category: 'Technical',
      strategy: 'transfer',
      response: 'Ground risk shared with the drilling contractor under a target-cost contract.',
      actions: ['Agree the ground risk clause with the drilling contractor'],
      rating: [2, 5],
      residual: [2, 3],
      quantified: { probability: 0.2, tasks: [{ key: 'drill', min: 10, mode: 20, max: 45 }], costPounds: [250_000, 600_000, 1_200_000] },
    },
    {
      title: 'Oil leak from the old cables before replacement',
      cause: 'The oil-filled cables are at the end of their life.',
      event: 'A leak into the estuary from the existing cables.',
      effect: 'Environmental incident, emergency repair, and reputational damage.',
      category: 'Environmental',
      strategy: 'reduce',
      response: 'Monthly oil pressure checks and a leak response contractor on call.',
      actions: ['Set up monthly oil pressure checks'],
      rating: [2, 4],
    },
  ],
};

/** Risks raised at programme and portfolio level: across projects, owned by the programme or portfolio manager. */
export const UPPER_RISKS: readonly (PlanRisk & { scope: { programme: string } | { portfolio: string } })[] = [
  {
    scope: { programme: 'SMART' },
    title: 'Three control room go-lives in one summer',
    cause: 'ADMS 4, FLISR and remote control all cut over in the same outage season.',
    event: 'The control room cannot absorb three changes at once.',
    effect: 'One or more go-lives deferred a year, or operating errors after go-live.',
    category: 'Operational',
    strategy: 'reduce',
    response: 'One integrated cutover calendar for the programme, agreed with the head of control.',
    actions: ['Publish the integrated cutover calendar'],
    rating: [4, 4],
    residual: [3, 4],
  },
  {
    scope: { programme: 'NZC' },
    title: 'Connection reform changes the queue rules again',
    cause: 'The regulator is consulting on a further reform of connection queues.',
    event: 'New rules take effect while our projects implement the current ones.',
    effect: 'Rework of processes and the portal; offers issued under the old rules challenged.',
    category: 'Regulatory',
    strategy: 'accept',
    response: 'Track the consultation and keep the queue rules configurable.',
    actions: ['Respond to the connection reform consultation'],
    rating: [3, 4],
  },
  {
    scope: { portfolio: 'GRID' },
    title: 'Capital programme exceeds the price control allowance',
    cause: 'Equipment and contractor prices have risen faster than the allowance’s indexation.',
    event: 'Forecast spend over the price control period passes the allowance.',
    effect: 'Projects must be deferred or funded by shareholders.',
    category: 'Financial',
    strategy: 'reduce',
    response: 'Quarterly re-prioritisation of the portfolio against the allowance.',
    actions: ['Run the quarterly portfolio re-prioritisation'],
    rating: [4, 5],
    residual: [3, 5],
  },
  {
    scope: { portfolio: 'CXD' },
    title: 'Too many releases land on the contact centre at once',
    cause: 'Telephony, power cut map and payments automation all change adviser tools.',
    event: 'Advisers face three new systems in one quarter.',
    effect: 'Handling times and complaints rise during the winter peak.',
    category: 'Change management',
    strategy: 'reduce',
    response: 'One release calendar for customer-facing change, with no releases from November to February.',
    actions: ['Agree the customer-facing release calendar'],
    rating: [3, 4],
  },
];

export type IssueTemplate = { title: string; description: string; category: string; severity: number; priority: IssuePriority; actions: readonly string[]; resolution: string };

export const ISSUES: readonly IssueTemplate[] = [
  {
    title: 'Test environment unavailable for two weeks',
    description: 'The shared test environment was taken for an emergency patch and has not been handed back.',
    category: 'Technology',
    severity: 3,
    priority: 'high',
    actions: ['Escalate to the infrastructure service owner'],
    resolution: 'Environment restored and a dedicated test slot agreed for the rest of the project.',
  },
  {
    title: 'Contractor’s design submission incomplete',
    description: 'The design pack arrived without calculations for half the sites; review cannot start.',
    category: 'Supplier',
    severity: 3,
    priority: 'medium',
    actions: ['Return the pack with a list of what is missing'],
    resolution: 'Complete pack received and reviewed; two weeks lost, recovered in construction.',
  },
  {
    title: 'Budget holder left the organisation',
    description: 'The cost centre owner approving spend has left; purchase orders are waiting.',
    category: 'Governance',
    severity: 2,
    priority: 'medium',
    actions: ['Ask finance to re-assign the cost centre'],
    resolution: 'Cost centre re-assigned to the sponsor; orders approved.',
  },
  {
    title: 'Key engineer on long-term sick leave',
    description: 'The lead engineer is off for at least two months; design decisions are waiting.',
    category: 'Resourcing',
    severity: 3,
    priority: 'high',
    actions: ['Agree cover from the design office'],
    resolution: 'Cover in place from the design office; handover notes written.',
  },
  {
    title: 'Data protection impact assessment not signed off',
    description: 'The data protection officer has questions about retention before the DPIA can be approved.',
    category: 'Compliance',
    severity: 2,
    priority: 'medium',
    actions: ['Answer the data protection officer’s questions'],
    resolution: 'DPIA approved with a shorter retention period.',
  },
  {
    title: 'Delivery of materials short by a third',
    description: 'The last delivery was a third short and the supplier cannot say when the rest will come.',
    category: 'Supply chain',
    severity: 4,
    priority: 'critical',
    actions: ['Find stock at the other regional stores', 'Claim under the contract for the late delivery'],
    resolution: 'Stock transferred from two other stores; supplier credit agreed.',
  },
];

export type AssumptionTemplate = { title: string; description: string; valid: string; invalid: string };

export const ASSUMPTIONS: readonly AssumptionTemplate[] = [
  { title: 'Funding is in the approved price control plan', description: 'The business case assumes the cost is allowed in the current price control.', valid: 'Confirmed by regulatory finance against the final determination.', invalid: 'Only 70% is allowed; the rest needs a re-opener.' },
  { title: 'The framework contractor has capacity', description: 'The framework contractor can staff the work without a new procurement.', valid: 'Capacity confirmed in writing for the next two years.', invalid: 'The framework is fully committed; a mini-competition is needed.' },
  { title: 'Existing IT infrastructure is adequate', description: 'No new servers or network links are needed.', valid: 'Architecture review found the current platform sufficient.', invalid: 'New network links needed at four depots.' },
  { title: 'Stakeholders accept a phased delivery', description: 'Operations accept the benefits arriving in two phases.', valid: 'Agreed by the operations director at the steering group.', invalid: 'Operations need the full scope before the winter.' },
  { title: 'Current staffing levels continue', description: 'No restructuring affects the teams the project depends on.', valid: 'HR confirmed no changes planned before the project ends.', invalid: 'A restructure of the field teams is planned for next year.' },
  { title: 'Regulatory rules stay as they are', description: 'The project is designed for the current licence conditions.', valid: 'No changes in the regulator’s forward work plan.', invalid: 'A consultation proposes changes to the licence condition.' },
];

export type DecisionTemplate = { title: string; description: string; options: readonly string[]; decision: string; rationale: string };

export const DECISIONS: readonly DecisionTemplate[] = [
  {
    title: 'Deliver in one release or in phases',
    description: 'The steering group must choose how the scope reaches users.',
    options: ['One release at the end', 'Two phases, highest-value scope first', 'Monthly releases'],
    decision: 'Two phases, highest-value scope first.',
    rationale: 'Earlier benefits and a smaller cutover, for about 5% more cost.',
  },
  {
    title: 'Build in house or buy a product',
    description: 'Choose between a configured product and a bespoke build.',
    options: ['Configure a market product', 'Build in house', 'Extend the existing system'],
    decision: 'Configure a market product.',
    rationale: 'Lower whole-life cost and the vendor carries the upgrades; fits 85% of the requirements out of the box.',
  },
  {
    title: 'Use contingency to recover the schedule',
    description: 'Whether to spend contingency on extra resources to recover the slip.',
    options: ['Spend contingency on a second team', 'Accept the slip', 'Reduce scope'],
    decision: 'Spend contingency on a second team for three months.',
    rationale: 'The slip would push go-live into the winter freeze, costing more than the extra team.',
  },
  {
    title: 'Choose the pilot area',
    description: 'Where to pilot before the full roll-out.',
    options: ['The North depot area', 'The city centre', 'The coastal region'],
    decision: 'The North depot area.',
    rationale: 'Representative mix of urban and rural network, and a depot manager keen to take part.',
  },
];

/** Dependencies between projects: `needs` waits for something `from` provides. */
export type DemoDependency = { needs: string; from: string; title: string; description: string; status: DependencyStatus; dueDays: number; needsTask?: string; fromTask?: string };

export const DEPENDENCIES: readonly DemoDependency[] = [
  { needs: 'SG-101', from: 'SG-105', title: 'Clean network model for ADMS 4', description: 'ADMS 4 loads the corrected HV and LV network model.', status: 'met', dueDays: -200, needsTask: 'gis' },
  { needs: 'SG-102', from: 'SG-101', title: 'ADMS 4 in service before FLISR schemes go live', description: 'FLISR runs on ADMS 4; schemes cannot be enabled on ADMS 3.', status: 'at-risk', dueDays: 120, fromTask: 'live' },
  { needs: 'SG-103', from: 'SG-101', title: 'Remote control points in the ADMS 4 model', description: 'New RTUs are added to the network model after the change freeze.', status: 'agreed', dueDays: 150, fromTask: 'live' },
  { needs: 'LV-202', from: 'LV-201', title: 'Monitor data for the first 1,000 substations', description: 'LV planning uses monitor data to validate the smart meter estimates.', status: 'agreed', dueDays: 60 },
  { needs: 'LV-204', from: 'LV-202', title: 'Aggregated smart meter data feed', description: 'Phase imbalance analytics need per-phase consumption.', status: 'proposed', dueDays: 240 },
  { needs: 'DT-701', from: 'DT-706', title: 'Cloud landing zone for the data platform', description: 'The data platform is built in the landing zone the data centre exit creates.', status: 'met', dueDays: -90 },
  { needs: 'CX-601', from: 'SG-101', title: 'Outage feed from ADMS 4', description: 'The power cut map reads restoration times from the outage management module.', status: 'at-risk', dueDays: 100, fromTask: 'oms' },
  { needs: 'CX-608', from: 'DT-702', title: 'Payment run in S/4HANA', description: 'Automatic compensation payments are made from the new finance system.', status: 'late', dueDays: -15 },
  { needs: 'NZ-303', from: 'NZ-302', title: 'Flexible connection scheme extended south', description: 'Two motorway hubs connect under the active network management scheme.', status: 'agreed', dueDays: 200 },
  { needs: 'OP-1001', from: 'NZ-304', title: 'Depot supply upgrades for van charging', description: 'Depot supplies are reinforced before chargers are fitted.', status: 'at-risk', dueDays: 30 },
  { needs: 'RS-401', from: 'RS-403', title: 'Outage plan shared with the cable replacement', description: 'Both projects need outages at the estuary primary; one plan avoids a double outage.', status: 'agreed', dueDays: 80, needsTask: 'b2e', fromTask: 'window' },
  { needs: 'DT-703', from: 'DT-704', title: 'Single sign-on for the field app', description: 'The field app signs engineers in through the new identity service.', status: 'proposed', dueDays: 45 },
];
