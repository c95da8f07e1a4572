/**
 * The names of arXiv's archives and categories, as arXiv's category taxonomy gives them, so pages
 * can say "Computation and Language" where the data only says "cs.CL". An identifier missing here
 * (a category arXiv adds later) is still shown, just without its name.
 */

/** Archive identifier to name, in the order the categories index lists them. */
const ARCHIVES: ReadonlyArray<readonly [string, string]> = [
  ['cs', 'Computer Science'], ['eess', 'Electrical Engineering and Systems Science'], ['stat', 'Statistics'],
  ['math', 'Mathematics'], ['q-bio', 'Quantitative Biology'], ['q-fin', 'Quantitative Finance'], ['econ', 'Economics'],
  ['physics', 'Physics'], ['astro-ph', 'Astrophysics'], ['cond-mat', 'Condensed Matter'], ['nlin', 'Nonlinear Sciences'],
  ['gr-qc', 'General Relativity and Quantum Cosmology'], ['hep-ex', 'High Energy Physics - Experiment'],
  ['hep-lat', 'High Energy Physics - Lattice'], ['hep-ph', 'High Energy Physics - Phenomenology'],
  ['hep-th', 'High Energy Physics - Theory'], ['math-ph', 'Mathematical Physics'], ['nucl-ex', 'Nuclear Experiment'],
  ['nucl-th', 'Nuclear Theory'], ['quant-ph', 'Quantum Physics'],
];

/** Subject classes per archive: "code:Name" entries. */
const SUBJECTS: Readonly<Record<string, readonly string[]>> = {
  cs: ['AI:Artificial Intelligence', 'AR:Hardware Architecture', 'CC:Computational Complexity',
    'CE:Computational Engineering, Finance, and Science', 'CG:Computational Geometry', 'CL:Computation and Language',
    'CR:Cryptography and Security', 'CV:Computer Vision and Pattern Recognition', 'CY:Computers and Society',
    'DB:Databases', 'DC:Distributed, Parallel, and Cluster Computing', 'DL:Digital Libraries', 'DM:Discrete Mathematics',
    'DS:Data Structures and Algorithms', 'ET:Emerging Technologies', 'FL:Formal Languages and Automata Theory',
    'GL:General Literature', 'GR:Graphics', 'GT:Computer Science and Game Theory', 'HC:Human-Computer Interaction',
    'IR:Information Retrieval', 'IT:Information Theory', 'LG:Machine Learning', 'LO:Logic in Computer Science',
    'MA:Multiagent Systems', 'MM:Multimedia', 'MS:Mathematical Software', 'NA:Numerical Analysis',
    'NE:Neural and Evolutionary Computing', 'NI:Networking and Internet Architecture', 'OH:Other Computer Science',
    'OS:Operating Systems', 'PF:Performance', 'PL:Programming Languages', 'RO:Robotics', 'SC:Symbolic Computation',
    'SD:Sound', 'SE:Software Engineering', 'SI:Social and Information Networks', 'SY:Systems and Control'],
  eess: ['AS:Audio and Speech Processing', 'IV:Image and Video Processing', 'SP:Signal Processing', 'SY:Systems and Control'],
  stat: ['AP:Applications', 'CO:Computation', 'ME:Methodology', 'ML:Machine Learning', 'OT:Other Statistics', 'TH:Statistics Theory'],
  math: ['AC:Commutative Algebra', 'AG:Algebraic Geometry', 'AP:Analysis of PDEs', 'AT:Algebraic Topology',
    'CA:Classical Analysis and ODEs', 'CO:Combinatorics', 'CT:Category Theory', 'CV:Complex Variables',
    'DG:Differential Geometry', 'DS:Dynamical Systems', 'FA:Functional Analysis', 'GM:General Mathematics',
    'GN:General Topology', 'GR:Group Theory', 'GT:Geometric Topology', 'HO:History and Overview', 'IT:Information Theory',
    'KT:K-Theory and Homology', 'LO:Logic', 'MG:Metric Geometry', 'MP:Mathematical Physics', 'NA:Numerical Analysis',
    'NT:Number Theory', 'OA:Operator Algebras', 'OC:Optimization and Control', 'PR:Probability', 'QA:Quantum Algebra',
    'RA:Rings and Algebras', 'RT:Representation Theory', 'SG:Symplectic Geometry', 'SP:Spectral Theory', 'ST:Statistics Theory'],
  'q-bio': ['BM:Biomolecules', 'CB:Cell Behavior', 'GN:Genomics', 'MN:Molecular Networks', 'NC:Neurons and Cognition',
    'OT:Other Quantitative Biology', 'PE:Populations and Evolution', 'QM:Quantitative Methods', 'SC:Subcellular Processes',
    'TO:Tissues and Organs'],
  'q-fin': ['CP:Computational Finance', 'EC:Economics', 'GN:General Finance', 'MF:Mathematical Finance',
    'PM:Portfolio Management', 'PR:Pricing of Securities', 'RM:Risk Management', 'ST:Statistical Finance',
    'TR:Trading and Market Microstructure'],
  econ: ['EM:Econometrics', 'GN:General Economics', 'TH:Theoretical Economics'],
  physics: ['acc-ph:Accelerator Physics', 'ao-ph:Atmospheric and Oceanic Physics', 'app-ph:Applied Physics',
    'atm-clus:Atomic and Molecular Clusters', 'atom-ph:Atomic Physics', 'bio-ph:Biological Physics', 'chem-ph:Chemical Physics',
    'class-ph:Classical Physics', 'comp-ph:Computational Physics', 'data-an:Data Analysis, Statistics and Probability',
    'ed-ph:Physics Education', 'flu-dyn:Fluid Dynamics', 'gen-ph:General Physics', 'geo-ph:Geophysics',
    'hist-ph:History and Philosophy of Physics', 'ins-det:Instrumentation and Detectors', 'med-ph:Medical Physics',
    'optics:Optics', 'plasm-ph:Plasma Physics', 'pop-ph:Popular Physics', 'soc-ph:Physics and Society', 'space-ph:Space Physics'],
  'astro-ph': ['CO:Cosmology and Nongalactic Astrophysics', 'EP:Earth and Planetary Astrophysics', 'GA:Astrophysics of Galaxies',
    'HE:High Energy Astrophysical Phenomena', 'IM:Instrumentation and Methods for Astrophysics', 'SR:Solar and Stellar Astrophysics'],
  'cond-mat': ['dis-nn:Disordered Systems and Neural Networks', 'mes-hall:Mesoscale and Nanoscale Physics',
    'mtrl-sci:Materials Science', 'other:Other Condensed Matter', 'quant-gas:Quantum Gases', 'soft:Soft Condensed Matter',
    'stat-mech:Statistical Mechanics', 'str-el:Strongly Correlated Electrons', 'supr-con:Superconductivity'],
  nlin: ['AO:Adaptation and Self-Organizing Systems', 'CD:Chaotic Dynamics', 'CG:Cellular Automata and Lattice Gases',
    'PS:Pattern Formation and Solitons', 'SI:Exactly Solvable and Integrable Systems'],
};

const ARCHIVE_NAMES = new Map(ARCHIVES);
const CATEGORY_NAMES = new Map<string, string>();
for (const [archive, list] of Object.entries(SUBJECTS)) {
  for (const entry of list) {
    const colon = entry.indexOf(':');
    CATEGORY_NAMES.set(`${archive}.${entry.slice(0, colon)}`, entry.slice(colon + 1));
  }
}

/** The archive a category belongs to ("cs" for "cs.CL", "hep-th" for "hep-th"). */
export function archiveOf(category: string): string {
  const dot = category.indexOf('.');
  return dot < 0 ? category : category.slice(0, dot);
}

/** A category's name ("cs.CL": "Computation and Language"; an archive without subjects: its own name), or null. */
export function categoryName(category: string): string | null {
  return CATEGORY_NAMES.get(category) ?? (category.includes('.') ? null : ARCHIVE_NAMES.get(category) ?? null);
}

/** An archive's name ("cs": "Computer Science"), or null for one this table does not know. */
export function archiveName(archive: string): string | null {
  return ARCHIVE_NAMES.get(archive) ?? null;
}

/** Archives in index order: the ones this table lists first, then any others alphabetically. */
export function archiveOrder(archives: Iterable<string>): string[] {
  const rank = new Map(ARCHIVES.map(([a], i) => [a, i]));
  return [...new Set(archives)].sort((a, b) => (rank.get(a) ?? 1e9) - (rank.get(b) ?? 1e9) || (a < b ? -1 : a > b ? 1 : 0));
}
