import {
  addDays,
  type CalendarDate,
  calendarDateAt,
  daysBetween,
  startOfDayAt,
  toDbDate,
} from "../billing/calendar.ts";
import type { GuideProgram } from "./import-guide.ts";

/**
 * A believable program guide for the demo: what a cable lineup airs over two weeks, channel by
 * channel. Pure and deterministic: every airing is a function of (seed, channel, local date, slot),
 * so the same seed gives the same guide, and a guide generated later for the following days
 * continues the same series (same seriesRef, next episodes) as the one generated before.
 *
 * The day is laid out in local time (America/Los_Angeles by default) in dayparts bounded by local
 * hours (overnight 0–6, morning 6–12, afternoon 12–17, early evening 17–20, prime time 20–23, late
 * night 23–24). Programs start on :00 or :30 and last 30, 60, 120 or 180 minutes; the last program
 * of a daypart is cut to end on the daypart's boundary, so a channel has no gaps or overlaps. The
 * clocks change inside the overnight daypart, which is 5 or 7 hours long on those days.
 */

export interface GuideChannel {
  id: string;
  /** news, sports, movies, premium, kids, local, entertainment, lifestyle, music, shopping, public, spanish */
  category: string;
}

export interface GuideOptions {
  /** The guide starts at the first local midnight at or before this instant; airings before it are left out. */
  start: Date;
  /** Local days to cover (default 14). */
  days?: number;
  timeZone?: string;
  seed?: number;
}

export const DEFAULT_GUIDE_TIME_ZONE = "America/Los_Angeles";
export const GUIDE_DAYS = 14;

const MINUTE = 60_000;
/** Weekly series count their episodes from this Sunday. */
const EPOCH: CalendarDate = "2024-01-07";

// ---------------------------------------------------------------------------------------------
// Deterministic randomness: a hash of the seed and a key, never a running state, so any airing
// can be computed on its own.

function hash(seed: number, ...parts: readonly (string | number)[]): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (const part of parts) {
    const s = String(part);
    for (let i = 0; i < s.length; i += 1) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    h = Math.imul(h ^ 0x7c, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function pickOf<T>(list: readonly T[], n: number): T {
  return list[n % list.length] as T;
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");
/** An 8-digit number for a guide id (like Gracenote's SH01234567). */
const idNumber = (n: number) => pad(n % 100_000_000, 8);

// ---------------------------------------------------------------------------------------------
// Word lists.

const FIRST = [
  "Maya",
  "Eli",
  "Rosa",
  "Marcus",
  "Nora",
  "Jonah",
  "Priya",
  "Caleb",
  "Lena",
  "Omar",
  "Tessa",
  "Diego",
  "Hazel",
  "Wes",
  "June",
  "Arturo",
  "Iris",
  "Theo",
  "Alma",
  "Sam",
] as const;
const SURNAME = [
  "Hale",
  "Moreno",
  "Kaplan",
  "Okafor",
  "Brennan",
  "Castillo",
  "Nguyen",
  "Whitaker",
  "Delgado",
  "Sinclair",
  "Park",
  "Ramirez",
  "Foster",
  "Quinn",
  "Lindqvist",
  "Patel",
  "Mercer",
  "Vance",
  "Ashby",
  "Reyes",
] as const;
const PLACE = [
  "Harbor City",
  "Cedar Falls",
  "Ridgeview",
  "Port Alder",
  "Silver Lake",
  "Briar Creek",
  "Bayside",
  "Oakhurst",
  "Fairhaven",
  "Redwood Bay",
  "Lakeshore",
  "Stonebridge",
  "Westbrook",
  "Pine Hollow",
  "Kingsport",
  "Mesa Verde",
] as const;
const NOUN = [
  "Signal",
  "Harbor",
  "Verdict",
  "Frontier",
  "Shift",
  "Circuit",
  "Legacy",
  "Ember",
  "Crossing",
  "Outpost",
  "Division",
  "Compass",
  "Tide",
  "Witness",
  "Orbit",
  "Ridge",
  "Lantern",
  "Anchor",
  "Current",
  "Threshold",
] as const;
const ADJ = [
  "Last",
  "Silent",
  "Broken",
  "Hidden",
  "Golden",
  "Northern",
  "Lost",
  "Final",
  "Bright",
  "Wild",
  "Deep",
  "Open",
  "Second",
  "Quiet",
  "Burning",
  "Hollow",
] as const;
const THING = [
  "letter",
  "key",
  "photograph",
  "torn map",
  "stolen car",
  "missing ring",
  "voicemail",
  "diary",
  "ledger",
  "painting",
  "flash drive",
  "pocket watch",
] as const;
const ANIMAL = ["Otter", "Fox", "Penguin", "Dragon", "Panda", "Rabbit", "Owl", "Turtle", "Moose", "Koala"] as const;
const TEAM = [
  "Bay City Mariners",
  "Sacramento Rivercats",
  "Portland Pioneers",
  "Denver Summit",
  "Austin Comets",
  "Boston Harbormen",
  "Chicago Lakers",
  "Seattle Cascades",
  "Phoenix Flames",
  "Atlanta Peaches",
  "Miami Tides",
  "Detroit Motors",
  "Oakland Redwoods",
  "Nashville Notes",
  "Salt Lake Granite",
  "San Diego Surf",
] as const;
const COLLEGE = [
  "Oregon",
  "Washington",
  "Stanford",
  "UCLA",
  "Arizona",
  "Utah",
  "Ohio State",
  "Michigan",
  "Texas",
  "Alabama",
  "Georgia",
  "Duke",
  "Virginia",
  "Iowa",
  "Baylor",
  "Clemson",
] as const;
const LUGAR = [
  "Valle Alto",
  "San Lorenzo",
  "Puerto Luna",
  "Santa Brisa",
  "Río Claro",
  "Las Palmas",
  "Monte Verde",
  "Villa Sol",
] as const;
const NOMBRE = [
  "Valeria",
  "Mateo",
  "Camila",
  "Santiago",
  "Lucía",
  "Emiliano",
  "Renata",
  "Joaquín",
  "Ximena",
  "Andrés",
] as const;
const APELLIDO = ["Navarro", "Fuentes", "Salazar", "Ibarra", "Montoya", "Herrera", "Cordero", "Villanueva"] as const;

/** Fills {First}, {Surname}, {Place}, {Noun}, {Adj}, {thing}, {Animal}, {Nombre}, {Apellido}, {Lugar}, {N} from a hash. */
function fill(template: string, n: number): string {
  let i = 0;
  return template.replace(/\{(\w+)\}/g, (_, key: string) => {
    i += 1;
    const k = hash(n, i, key);
    switch (key) {
      case "First":
        return pickOf(FIRST, k);
      case "Surname":
        return pickOf(SURNAME, k);
      case "Place":
        return pickOf(PLACE, k);
      case "Noun":
        return pickOf(NOUN, k);
      case "Adj":
        return pickOf(ADJ, k);
      case "thing":
        return pickOf(THING, k);
      case "Animal":
        return pickOf(ANIMAL, k);
      case "Nombre":
        return pickOf(NOMBRE, k);
      case "Apellido":
        return pickOf(APELLIDO, k);
      case "Lugar":
        return pickOf(LUGAR, k);
      case "N":
        return String(2 + (k % 48));
      default:
        return key;
    }
  });
}

interface SeriesKind {
  genre: string;
  titles: readonly string[];
  subtitles: readonly string[];
  descriptions: readonly string[];
}

const EPISODE_TITLES = [
  "The {Noun}",
  "{Adj} {Noun}",
  "One {Adj} Night",
  "{First}'s Choice",
  "Return to {Place}",
  "Point of No Return",
  "Under the {Noun}",
  "The {Surname} Job",
  "Crossing Lines",
  "{Adj} Light",
  "Old Friends",
  "The Long Way Home",
  "Fault Lines",
  "Homecoming",
  "The {Noun} Effect",
  "Loose Ends",
] as const;

const KINDS = {
  drama: {
    genre: "Drama",
    titles: [
      "{Place} General",
      "The {Noun}",
      "{Adj} {Noun}",
      "{Surname} & {Surname}",
      "{Place} Heights",
      "The {Surname}s",
      "Station {N}",
    ],
    subtitles: EPISODE_TITLES,
    descriptions: [
      "{First} faces a hard choice when a secret from the past resurfaces in {Place}.",
      "A new arrival upends the {Surname} family's plans for the holidays.",
      "{First} and {First} clash over how to handle a crisis at work.",
      "An unexpected visitor forces {First} to confront an old promise.",
      "The team races against the clock after a storm cuts {Place} off.",
    ],
  },
  crime: {
    genre: "Crime drama",
    titles: [
      "{Place} P.D.",
      "Unit {N}",
      "{Noun} Division",
      "The {Surname} Files",
      "Cold Case: {Place}",
      "{Adj} Evidence",
    ],
    subtitles: EPISODE_TITLES,
    descriptions: [
      "Detective {Surname} follows a trail of evidence after a {thing} turns up at a crime scene.",
      "The squad investigates a break-in that points to someone inside the department.",
      "A witness's story falls apart when {First} finds a {thing} in the victim's car.",
      "{First} goes undercover to stop a smuggling ring operating out of the {Place} docks.",
      "A decades-old case is reopened when a {thing} surfaces at an estate sale.",
    ],
  },
  comedy: {
    genre: "Sitcom",
    titles: [
      "The {Surname}s at Home",
      "Everybody Loves {First}",
      "The {Surname} Way",
      "{First} & {First}",
      "Night Shift at {Place}",
      "Roommates",
    ],
    subtitles: [
      "The Surprise Party",
      "Game Night",
      "The Road Trip",
      "{First}'s Big Date",
      "The Bake Sale",
      "Moving Day",
      "The Reunion",
      "Parent-Teacher Night",
      "The Wedding Toast",
      "Snow Day",
      "The Yard Sale",
      "Thanksgiving Chaos",
    ],
    descriptions: [
      "{First} tries to plan a surprise party without the family finding out.",
      "A misunderstanding about a {thing} spirals out of control at the office.",
      "{First} and {First} compete to host the perfect dinner party.",
      "The gang's weekend getaway hits a snag when the car breaks down outside {Place}.",
      "{First} takes a second job to pay for an anniversary gift.",
    ],
  },
  reality: {
    genre: "Reality",
    titles: [
      "{Place} Flip",
      "Love in {Place}",
      "The {Noun} House",
      "Island {Noun}",
      "{Place} Wives",
      "Battle of the {Noun}s",
    ],
    subtitles: [
      "Week {N}",
      "The Big Reveal",
      "Shake-Up",
      "Trust Issues",
      "Final Four",
      "The Reunion, Part 1",
      "Rivals",
      "Fresh Start",
    ],
    descriptions: [
      "Tensions rise when a new cast member moves into the house.",
      "The contestants face their toughest challenge yet; one more goes home.",
      "{First} and {First} bet everything on a run-down property in {Place}.",
      "A surprise twist turns the competition upside down.",
    ],
  },
  docuseries: {
    genre: "Documentary",
    titles: [
      "{Adj} Engineering",
      "Secrets of the {Noun}",
      "{Place} Uncovered",
      "Gold Rush: {Place}",
      "Alaska {Noun}",
      "Wild {Place}",
      "Ancient {Noun}s",
    ],
    subtitles: [
      "The {Adj} Bridge",
      "Into the Canyon",
      "Deep Freeze",
      "Storm Season",
      "The {Noun} Mystery",
      "Against the Tide",
      "Lost Cities",
      "The Heist That Changed Everything",
    ],
    descriptions: [
      "Engineers race to finish a bridge before the winter storms arrive.",
      "Researchers follow a family of otters through their first year.",
      "Historians piece together what happened to a ship that vanished in 1872.",
      "A crew of miners gambles on a new claim as the season runs out.",
      "Cameras go inside one of the largest factories in the world.",
    ],
  },
  cooking: {
    genre: "Cooking",
    titles: [
      "{First}'s Kitchen",
      "Dinner in {N} Minutes",
      "{Place} Eats",
      "The Great {Place} Bake-Off",
      "Grill Masters",
      "Kitchen Rivals",
    ],
    subtitles: [
      "Weeknight Wonders",
      "Sunday Supper",
      "Comfort Classics",
      "Taco Tuesday",
      "Sweet Tooth",
      "One-Pan Dinners",
      "Holiday Baking",
      "Brunch Time",
    ],
    descriptions: [
      "{First} shares three quick dinners made with pantry staples.",
      "Four bakers face a showstopper challenge with a surprise ingredient.",
      "A road trip through {Place} in search of the best barbecue.",
      "Chefs have one hour and a mystery basket to win the prize.",
    ],
  },
  home: {
    genre: "Home & garden",
    titles: [
      "{Place} Fixer",
      "House Hunters: {Place}",
      "Room by Room",
      "{First} Builds",
      "Tiny Home {Noun}",
      "Backyard {Noun}",
    ],
    subtitles: [
      "The Craftsman",
      "Open Concept",
      "Budget Buster",
      "Curb Appeal",
      "The Fixer-Upper",
      "Kitchen Crisis",
      "Lake House",
      "Family Room",
    ],
    descriptions: [
      "A young couple looks for a starter home in {Place} on a tight budget.",
      "{First} turns a dated ranch house into a bright family home.",
      "A renovation goes off the rails when the crew finds water damage.",
      "Three homes, one budget: which one will the {Surname}s choose?",
    ],
  },
  talk: {
    genre: "Talk",
    titles: [
      "Late Night with {First} {Surname}",
      "The {First} {Surname} Show",
      "Tonight with {First} {Surname}",
      "After Hours",
    ],
    subtitles: ["Guests: {First} {Surname}, {First} {Surname}"],
    descriptions: [
      "Celebrity interviews, comedy sketches and a musical performance.",
      "An actor talks about a new film; a comedian performs stand-up.",
      "Monologue, games with the audience and a live band.",
    ],
  },
  game: {
    genre: "Game show",
    titles: ["Spin the {Noun}", "Double {Noun}", "{Adj} Money", "Name That Tune", "The Big Board", "Family Showdown"],
    subtitles: ["Tournament of Champions", "Teachers Week", "College Week", "Celebrity Edition"],
    descriptions: [
      "Three contestants compete for a cash jackpot.",
      "Families go head to head for a chance at the grand prize.",
      "A returning champion defends a winning streak.",
    ],
  },
  kids: {
    genre: "Children",
    titles: [
      "{Adj} {Animal}s",
      "Captain {First}",
      "The {Animal} Squad",
      "{First} and the {Noun}",
      "Planet {Animal}",
      "{Animal} Academy",
      "Super {First}",
    ],
    subtitles: [
      "The Big Race",
      "Lost and Found",
      "Rainy Day",
      "The New Kid",
      "Treasure Hunt",
      "Snow Fort",
      "Lights Out",
      "The Science Fair",
      "Best Friends",
      "The Missing Cookie",
    ],
    descriptions: [
      "The friends build a rocket out of cardboard boxes.",
      "{First} learns that sharing makes a picnic more fun.",
      "A mysterious map sends the crew on a treasure hunt.",
      "The squad helps a lost baby {Animal} find its way home.",
      "A rainy day turns into an indoor adventure.",
    ],
  },
  telenovela: {
    genre: "Telenovela",
    titles: [
      "Amor en {Lugar}",
      "La Heredera",
      "Corazón Salvaje",
      "Destino de {Nombre}",
      "Hija del Mar",
      "Secretos de {Lugar}",
      "La Promesa",
    ],
    subtitles: ["Capítulo {N}"],
    descriptions: [
      "{Nombre} descubre la verdad sobre su familia y debe tomar una decisión.",
      "{Nombre} y {Nombre} se reencuentran en {Lugar} después de muchos años.",
      "Un secreto amenaza la boda de {Nombre} {Apellido}.",
      "La familia {Apellido} lucha por salvar la hacienda.",
    ],
  },
  variedades: {
    genre: "Variety",
    titles: [
      "Despierta {Lugar}",
      "Hoy en Casa",
      "Sábado Gigante de Noche",
      "Noche de Estrellas",
      "Cocina con {Nombre}",
    ],
    subtitles: ["Programa {N}"],
    descriptions: [
      "Música, entrevistas y concursos en vivo.",
      "Las noticias del espectáculo y los mejores invitados.",
      "Recetas fáciles para toda la familia.",
    ],
  },
} as const satisfies Record<string, SeriesKind>;

type KindName = keyof typeof KINDS;

const MOVIE_TITLES = [
  "The {Adj} {Noun}",
  "{Noun} of {Place}",
  "Return to {Place}",
  "The {Surname} Affair",
  "Night at the {Noun}",
  "{Adj} Horizon",
  "Beyond the {Noun}",
  "One {Adj} Christmas in {Place}",
  "The Road to {Place}",
  "{First}'s Secret",
] as const;
const MOVIE_GENRES = [
  ["Drama", "A grieving widow finds an unlikely friend in a stranger who arrives in {Place}."],
  ["Action", "An ex-marine takes on a gang of thieves to rescue her kidnapped brother."],
  ["Comedy", "Two rival wedding planners are forced to work on the same wedding."],
  ["Thriller", "A journalist uncovers a conspiracy that reaches the highest levels of power."],
  ["Romance", "A big-city lawyer returns to {Place} and falls for her high-school sweetheart."],
  ["Science fiction", "The crew of a damaged starship must choose between rescue and the mission."],
  ["Western", "A marshal rides into {Place} to settle a score with an old enemy."],
  ["Family", "A young girl and her dog set out across the mountains to find their way home."],
  ["Horror", "A family moves into a farmhouse where the past refuses to stay buried."],
  ["Mystery", "A retired detective is pulled back in when a {thing} arrives in the mail."],
] as const;
const PELICULAS = [
  "El {Noun} Perdido",
  "Noches de {Lugar}",
  "La Última Carta",
  "Camino a {Lugar}",
  "El Regreso de {Nombre}",
  "Amor de Verano",
] as const;

const NEWS_SHOWS = {
  morning: ["Early Start", "First Look", "Morning Report", "America This Morning", "The Morning Desk"],
  day: ["Newsroom", "The Briefing", "News Now", "Midday Report", "The Afternoon Desk", "Live Coverage"],
  evening: ["The Evening Report", "World Tonight", "The Situation Desk", "Newsline", "The Lead"],
  prime: [
    "{First} {Surname} Tonight",
    "The {Surname} Report",
    "In Focus with {First} {Surname}",
    "Prime Time with {First} {Surname}",
    "The Last Word",
    "Deadline: Tonight",
  ],
} as const;
const NEWS_DESCRIPTIONS = [
  "The day's top stories from across the country and around the world.",
  "Breaking news, analysis and interviews with newsmakers.",
  "Live coverage of the day's developing stories.",
  "Headlines, politics, business and weather.",
] as const;
const NOTICIAS = [
  "Noticiero Edición Matutina",
  "Noticias al Mediodía",
  "Edición Nocturna",
  "Conclusiones",
  "Panorama Mundial",
] as const;

const SPORTS: Readonly<Record<string, readonly (readonly [title: string, teams: "pro" | "college"])[]>> = {
  football: [
    ["NFL Football", "pro"],
    ["College Football", "college"],
  ],
  basketball: [
    ["NBA Basketball", "pro"],
    ["College Basketball", "college"],
  ],
  hockey: [["NHL Hockey", "pro"]],
  baseball: [["MLB Baseball", "pro"]],
  soccer: [
    ["Premier League Soccer", "pro"],
    ["MLS Soccer", "pro"],
  ],
  golf: [["PGA Tour Golf", "pro"]],
  tennis: [
    ["ATP Tennis", "pro"],
    ["WTA Tennis", "pro"],
  ],
  outdoors: [
    ["Bass Fishing Championship", "pro"],
    ["Hunting Adventures", "pro"],
  ],
  racing: [["Horse Racing Live", "pro"]],
  futbol: [
    ["Fútbol: Liga MX", "pro"],
    ["Fútbol: La Liga", "pro"],
  ],
  mixed: [
    ["College Football", "college"],
    ["NBA Basketball", "pro"],
    ["NHL Hockey", "pro"],
    ["College Basketball", "college"],
    ["MLB Baseball", "pro"],
    ["Premier League Soccer", "pro"],
  ],
};
const SPORTS_STUDIO = [
  "Sports Center Tonight",
  "The Morning Line",
  "Around the League",
  "Inside the Game",
  "Highlight Express",
  "First Pitch",
] as const;

function sportOf(channelId: string): string {
  const rules: [RegExp, string][] = [
    [/nfl|redzone/, "football"],
    [/nba/, "basketball"],
    [/nhl/, "hockey"],
    [/mlb/, "baseball"],
    [/golf/, "golf"],
    [/tennis/, "tennis"],
    [/bein|fox-soccer/, "soccer"],
    [/outdoor|sportsman/, "outdoors"],
    [/tvg|racing/, "racing"],
    [/deportes|tudn|univision-deportes/, "futbol"],
  ];
  for (const [pattern, sport] of rules) if (pattern.test(channelId)) return sport;
  return "mixed";
}

// ---------------------------------------------------------------------------------------------
// Series and their episodes.

interface Series {
  num: number;
  title: string;
  kind: SeriesKind;
  baseSeason: number;
  perSeason: number;
  /** Episodes already made before the epoch (weekly series) or in the back catalog (the rest). */
  backCatalog: number;
}

function makeSeries(seed: number, channelId: string, kindName: KindName, index: number, taken: Set<string>): Series {
  const kind = KINDS[kindName];
  let title = "";
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const n = hash(seed, channelId, kindName, index, attempt);
    title = fill(pickOf(kind.titles, n), n);
    if (!taken.has(title)) break;
  }
  taken.add(title);
  const n = hash(seed, "series", title);
  return {
    num: n,
    title,
    kind,
    baseSeason: 1 + (n % 5),
    perSeason: 10 + (n % 13),
    backCatalog: 20 + (hash(n, "catalog") % 120),
  };
}

interface Airing {
  minutes: number;
  programRef: string;
  seriesRef: string | null;
  season: number | null;
  episode: number | null;
  title: string;
  subtitle: string | null;
  description: string | null;
  genre: string | null;
  isNew: boolean;
  originalAirDate: CalendarDate | null;
}

/** Episode k (0-based, counted over the whole run) of a series. */
function episodeOf(
  series: Series,
  k: number,
  minutes: number,
  isNew: boolean,
  firstAired: CalendarDate | null,
): Airing {
  const n = hash(series.num, "episode", k);
  const numbered = series.kind !== KINDS.talk && series.kind !== KINDS.game;
  return {
    minutes,
    programRef: `EP${idNumber(series.num)}.${pad(k, 4)}`,
    seriesRef: `SH${idNumber(series.num)}`,
    season: numbered ? series.baseSeason + Math.floor(k / series.perSeason) : null,
    episode: numbered ? (k % series.perSeason) + 1 : null,
    title: series.title,
    subtitle: fill(pickOf(series.kind.subtitles, n).replace("{N}", String(k + 1)), n),
    description: fill(pickOf(series.kind.descriptions, hash(n, "d")), hash(n, "e")),
    genre: series.kind.genre,
    isNew,
    originalAirDate: firstAired,
  };
}

// ---------------------------------------------------------------------------------------------
// Channel rosters: which series a channel carries, and where.

type Format =
  | "network"
  | "entertainment"
  | "lifestyle"
  | "news"
  | "sports"
  | "movies"
  | "premium"
  | "kids"
  | "music"
  | "shopping"
  | "public"
  | "spanish";

function formatOf(channel: GuideChannel): Format {
  const id = channel.id;
  switch (channel.category) {
    case "local":
      return /kcso|kuvs|ktfk|telemundo|univision|unimas/.test(id) ? "spanish" : "network";
    case "spanish":
      if (/deportes|tudn/.test(id)) return "sports";
      if (/cnn|noticias/.test(id)) return "news";
      if (/cine|movie/.test(id)) return "movies";
      return "spanish";
    case "news":
    case "sports":
    case "movies":
    case "premium":
    case "kids":
    case "entertainment":
    case "lifestyle":
    case "music":
    case "shopping":
    case "public":
      return channel.category;
    default:
      return "entertainment";
  }
}

interface Roster {
  channelId: string;
  format: Format;
  spanish: boolean;
  /** Prime-time series by weekday (0 = Sunday) and slot (20:00, 21:00, 22:00). */
  prime: Series[][];
  /** Daytime shows (repeats), 60 minutes. */
  daytime: Series[];
  /** Half-hour shows (comedies, game shows, kids). */
  halfHour: Series[];
  late: Series | null;
  sport: string;
}

const PRIME_KINDS: Record<Format, readonly KindName[]> = {
  network: ["drama", "crime", "drama", "reality", "crime"],
  entertainment: ["drama", "crime", "reality", "docuseries", "drama"],
  lifestyle: ["cooking", "home", "reality", "home", "cooking"],
  premium: ["drama", "crime"],
  spanish: ["telenovela"],
  kids: ["kids"],
  news: [],
  sports: [],
  movies: [],
  music: [],
  shopping: [],
  public: [],
};

function rosterOf(seed: number, channel: GuideChannel): Roster {
  const format = formatOf(channel);
  const spanish = format === "spanish" || channel.category === "spanish";
  const taken = new Set<string>();
  const kinds = PRIME_KINDS[format];
  const prime: Series[][] = [];
  let index = 0;
  if (kinds.length > 0) {
    for (let weekday = 0; weekday < 7; weekday += 1) {
      const night: Series[] = [];
      for (let slot = 0; slot < 3; slot += 1) {
        const kind = pickOf(kinds, hash(seed, channel.id, "prime", weekday, slot));
        night.push(makeSeries(seed, channel.id, kind, (index += 1), taken));
      }
      prime.push(night);
    }
  }
  const daytimeKinds: readonly KindName[] =
    format === "lifestyle"
      ? ["cooking", "home"]
      : format === "spanish"
        ? ["variedades", "telenovela"]
        : format === "kids"
          ? ["kids"]
          : ["drama", "crime", "docuseries", "reality"];
  const halfKinds: readonly KindName[] =
    format === "kids"
      ? ["kids"]
      : format === "spanish"
        ? ["variedades"]
        : format === "lifestyle"
          ? ["cooking", "home"]
          : ["comedy", "game"];
  const daytime = Array.from({ length: 6 }, (_, i) =>
    makeSeries(seed, channel.id, pickOf(daytimeKinds, i), (index += 1), taken),
  );
  const halfHour = Array.from({ length: format === "kids" ? 14 : 6 }, (_, i) =>
    makeSeries(seed, channel.id, pickOf(halfKinds, i), (index += 1), taken),
  );
  const late =
    format === "network" || format === "entertainment"
      ? makeSeries(seed, channel.id, "talk", (index += 1), taken)
      : null;
  return { channelId: channel.id, format, spanish, prime, daytime, halfHour, late, sport: sportOf(channel.id) };
}

// ---------------------------------------------------------------------------------------------
// One channel's day.

interface Day {
  date: CalendarDate;
  weekday: number;
  /** Days since the epoch. */
  dayIndex: number;
  /** Instants of local hours 0, 6, 12, 17, 20, 23 and the next midnight. */
  at: Readonly<Record<0 | 6 | 12 | 17 | 20 | 23 | 24, number>>;
}

function dayOf(date: CalendarDate, timeZone: string): Day {
  const next = addDays(date, 1);
  const hour = (h: number) => startOfDayAt(date, timeZone, h).getTime();
  return {
    date,
    weekday: new Date(`${date}T12:00:00Z`).getUTCDay(),
    dayIndex: daysBetween(EPOCH, date),
    at: {
      0: hour(0),
      6: hour(6),
      12: hour(12),
      17: hour(17),
      20: hour(20),
      23: hour(23),
      24: startOfDayAt(next, timeZone).getTime(),
    },
  };
}

/** Weekly series: the newest episode as of a date is the one of that week (0-based count). */
const weeklyEpisode = (series: Series, dayIndex: number) => series.backCatalog + Math.max(0, Math.floor(dayIndex / 7));
/** The date the episode k of a weekly series first aired on its weekday. */
function weeklyAirDate(series: Series, k: number, weekday: number): CalendarDate | null {
  const week = k - series.backCatalog;
  return week < 0 ? null : addDays(EPOCH, week * 7 + weekday);
}

/** Whether prime time on this weekday has new episodes (Saturday is for repeats). */
const newNight = (weekday: number) => weekday !== 6;

type Picker = (slotStart: number, index: number, remaining: number) => Airing;

class ChannelDay {
  readonly out: GuideProgram[] = [];
  constructor(
    readonly seed: number,
    readonly channelId: string,
    readonly day: Day,
  ) {}

  /** Airings from `from` to `to` (instants), each cut to end at `to` at the latest. */
  fill(from: number, to: number, pick: Picker) {
    let t = from;
    let i = 0;
    while (t < to) {
      const remaining = (to - t) / MINUTE;
      const airing = pick(t, i, remaining);
      const minutes = Math.min(airing.minutes, remaining);
      const end = t + minutes * MINUTE;
      this.out.push({
        channelId: this.channelId,
        programRef: airing.programRef,
        seriesRef: airing.seriesRef,
        season: airing.season,
        episode: airing.episode,
        title: airing.title,
        subtitle: airing.subtitle,
        description: airing.description,
        genre: airing.genre,
        startsAt: new Date(t),
        endsAt: new Date(end),
        isNew: airing.isNew,
        originalAirDate: airing.originalAirDate ? toDbDate(airing.originalAirDate) : null,
      });
      t = end;
      i += 1;
    }
  }

  r(...key: (string | number)[]) {
    return hash(this.seed, this.channelId, this.day.date, ...key);
  }
}

/** An older episode of a series, as a repeat. */
function repeatOf(series: Series, n: number, newest: number, minutes: number, weekday: number | null): Airing {
  const k = Math.max(0, newest - 1 - (n % Math.max(1, Math.min(newest, 80))));
  return episodeOf(series, k, minutes, false, weekday === null ? null : weeklyAirDate(series, k, weekday));
}

/** The episode a prime-time slot airs on a date: new on its night, a recent repeat on Saturdays. */
function primeAiring(roster: Roster, day: Pick<Day, "weekday" | "dayIndex">, slot: number, rerun: boolean): Airing {
  const series = roster.prime[day.weekday]?.[slot] as Series;
  const newest = weeklyEpisode(series, day.dayIndex);
  if (newNight(day.weekday)) {
    return episodeOf(series, newest, 60, !rerun, weeklyAirDate(series, newest, day.weekday));
  }
  return repeatOf(series, hash(day.dayIndex, slot), newest, 60, day.weekday);
}

function movieAiring(seed: number, n: number, spanish: boolean): Airing {
  const m = n % 600;
  const h = hash(seed, "movie", m);
  const [genre, description] = pickOf(MOVIE_GENRES, h);
  const year = 1955 + (hash(h, "year") % 70);
  const minutes = pickOf([90, 120, 120, 120, 150], hash(h, "length"));
  const title = fill(pickOf(spanish ? PELICULAS : MOVIE_TITLES, hash(h, "title")), h);
  return {
    minutes,
    programRef: `MV${idNumber(h)}.0000`,
    seriesRef: null,
    season: null,
    episode: null,
    title,
    subtitle: null,
    description: `(${year}) ${fill(description, h)}`,
    genre: `Movie — ${genre}`,
    isNew: false,
    originalAirDate: `${year}-01-01`,
  };
}

function newsAiring(seed: number, roster: Roster, day: Day, hourLabel: number, isNew: boolean): Airing {
  const part = hourLabel < 9 ? "morning" : hourLabel < 17 ? "day" : hourLabel < 20 ? "evening" : "prime";
  const n = hash(seed, roster.channelId, "news", part, part === "prime" ? hourLabel : 0);
  const title = roster.spanish ? pickOf(NOTICIAS, hash(n, hourLabel)) : fill(pickOf(NEWS_SHOWS[part], n), n);
  const num = hash(seed, "series", roster.channelId, title);
  return {
    minutes: 60,
    programRef: `EP${idNumber(num)}.${day.dayIndex * 24 + hourLabel}`,
    seriesRef: `SH${idNumber(num)}`,
    season: null,
    episode: null,
    title,
    subtitle: null,
    description: roster.spanish
      ? "Las noticias más importantes del día, en vivo."
      : pickOf(NEWS_DESCRIPTIONS, hash(n, day.date, hourLabel)),
    genre: "News",
    isNew,
    originalAirDate: day.date,
  };
}

function sportsAiring(seed: number, roster: Roster, day: Day, slot: number, live: boolean): Airing {
  const options = SPORTS[roster.sport] ?? SPORTS.mixed!;
  const n = hash(seed, roster.channelId, day.date, "event", slot);
  const [title, teams] = pickOf(options, hash(n, "sport"));
  const pool = teams === "college" ? COLLEGE : TEAM;
  const home = n % pool.length;
  const away = (home + 1 + (hash(n, "away") % (pool.length - 1))) % pool.length;
  const num = hash(seed, "series", title);
  const individual = /Golf|Tennis|Fishing|Hunting|Racing/.test(title);
  return {
    minutes: 180,
    programRef: `SP${idNumber(num)}.${(n % 1_000_000).toString(36)}${day.dayIndex}`,
    seriesRef: `SH${idNumber(num)}`,
    season: null,
    episode: null,
    title,
    subtitle: individual
      ? `${pickOf(["Final Round", "Semifinals", "Day 2", "Championship"], n)}`
      : `${pool[away]} at ${pool[home]}`,
    description: individual
      ? `${live ? "Live coverage" : "Replay"} from the tournament.`
      : teams === "college"
        ? `${live ? "Live" : "Replay"}: ${pool[away]} travels to face ${pool[home]}.`
        : `${live ? "Live" : "Replay"}: the ${pool[away]} visit the ${pool[home]}.`,
    genre: "Sports event",
    isNew: live,
    originalAirDate: day.date,
  };
}

/** A program every airing of which is new (studio shows, shopping hours, music blocks). */
function showAiring(
  seed: number,
  channelId: string,
  title: string,
  genre: string,
  minutes: number,
  day: Day,
  hourKey: number,
  isNew: boolean,
  description: string,
): Airing {
  const num = hash(seed, "series", channelId, title);
  return {
    minutes,
    programRef: `EP${idNumber(num)}.${day.dayIndex * 48 + hourKey}`,
    seriesRef: `SH${idNumber(num)}`,
    season: null,
    episode: null,
    title,
    subtitle: null,
    description,
    genre,
    isNew,
    originalAirDate: isNew ? day.date : null,
  };
}

/** Local hour of an instant within a day (good enough for labels; exact on the hour boundaries we use). */
const hourOf = (day: Day, t: number, from: 0 | 6 | 12 | 17 | 20 | 23) =>
  from + Math.round((t - day.at[from]) / 3_600_000);

function planDay(seed: number, roster: Roster, day: Day, previous: Day): GuideProgram[] {
  const cd = new ChannelDay(seed, roster.channelId, day);
  const { at, weekday } = day;
  const weekend = weekday === 0 || weekday === 6;
  const daytimeRepeat: Picker = (t) => {
    const series = pickOf(roster.daytime, cd.r("day", t));
    return repeatOf(series, cd.r("ep", t), series.backCatalog, 60, null);
  };
  const halfRepeat: Picker = (t) => {
    const series = pickOf(roster.halfHour, cd.r("half", t));
    return repeatOf(series, cd.r("ep", t), series.backCatalog, 30, null);
  };
  const primeRepeat: Picker = (t) => {
    const wd = cd.r("pw", t) % 7;
    const series = roster.prime[wd]?.[cd.r("ps", t) % 3] as Series;
    return repeatOf(series, cd.r("pe", t), weeklyEpisode(series, day.dayIndex - 1), 60, wd);
  };
  /** A movie that fits before the end of the daypart, else a short feature to fill the gap. */
  const movie: Picker = (t, _i, remaining) => {
    for (let attempt = 0; attempt < 6 && remaining >= 90; attempt += 1) {
      const candidate = movieAiring(seed, cd.r("movie", t, attempt), roster.spanish);
      if (candidate.minutes <= remaining) return candidate;
    }
    const title = roster.spanish ? "Estrenos de Cine" : "Behind the Movies";
    const about = roster.spanish
      ? "Avances y entrevistas con las estrellas de los estrenos."
      : "Trailers, interviews and a look at how this month's films were made.";
    return showAiring(seed, roster.channelId, title, "Entertainment", 30, day, 46, false, about);
  };
  /** Last night's prime time again, then last night's talk show, then half-hour repeats. */
  const overnight: Picker = (_t, i) => {
    if (roster.prime.length > 0 && i < 3) return primeAiring(roster, previous, i, true);
    if (i === 3 && roster.late) {
      const late = lateAiring(roster.late, previous, true);
      if (late) return late;
    }
    return halfRepeat(_t, i, 0);
  };

  switch (roster.format) {
    case "network":
    case "entertainment":
    case "lifestyle":
    case "spanish": {
      cd.fill(at[0], at[6], overnight);
      if (roster.format === "network") {
        cd.fill(at[6], at[12], (t, i) => {
          if (i === 0)
            return {
              ...showAiring(
                seed,
                roster.channelId,
                fill("Good Morning {Place}", hash(seed, roster.channelId)),
                "News",
                180,
                day,
                6,
                true,
                "News, weather, interviews and lifestyle segments to start the day.",
              ),
              minutes: 180,
            };
          return i === 1 ? daytimeRepeat(t, i, 0) : halfRepeat(t, i, 0);
        });
        if (weekend)
          cd.fill(at[12], at[17], (t, i) =>
            i === 0 ? sportsAiring(seed, { ...roster, sport: "mixed" }, day, 0, true) : daytimeRepeat(t, i, 0),
          );
        else cd.fill(at[12], at[17], (t, i) => (i % 2 === 0 ? daytimeRepeat(t, i, 0) : halfRepeat(t, i, 0)));
        cd.fill(at[17], at[20], (t, i) => {
          if (i === 0)
            return showAiring(
              seed,
              roster.channelId,
              "Local News at 5",
              "News",
              60,
              day,
              34,
              true,
              "Local news, traffic and weather for the Sacramento Valley.",
            );
          if (i === 1)
            return showAiring(
              seed,
              roster.channelId,
              "Evening News",
              "News",
              30,
              day,
              36,
              true,
              "The day's national headlines.",
            );
          return halfRepeat(t, i, 0);
        });
      } else {
        const morning = roster.format === "lifestyle" || roster.format === "spanish" ? halfRepeat : daytimeRepeat;
        cd.fill(at[6], at[12], morning);
        cd.fill(
          at[12],
          at[17],
          weekend && roster.format === "entertainment"
            ? movie
            : roster.format === "spanish"
              ? daytimeRepeat
              : primeRepeat,
        );
        cd.fill(at[17], at[20], roster.format === "lifestyle" ? halfRepeat : primeRepeat);
      }
      cd.fill(at[20], at[23], (_t, i) => primeAiring(roster, day, i, false));
      cd.fill(at[23], at[24], (t, i) => {
        if (i === 0 && roster.late) return lateAiring(roster.late, day, false) ?? halfRepeat(t, i, 0);
        if (i === 0 && roster.format === "spanish") return newsAiring(seed, roster, day, 23, true);
        return halfRepeat(t, i, 0);
      });
      break;
    }
    case "news": {
      // Hourly news all day; overnight replays last night's prime-time hours (same programs).
      cd.fill(at[0], at[6], (_t, i) => newsAiring(seed, roster, previous, 20 + (i % 3), false));
      for (const [from, to] of [
        [6, 12],
        [12, 17],
        [17, 20],
        [20, 23],
        [23, 24],
      ] as const) {
        cd.fill(at[from], at[to], (t) => {
          const hour = hourOf(day, t, from);
          return from === 23 ? newsAiring(seed, roster, day, 20, false) : newsAiring(seed, roster, day, hour, true);
        });
      }
      break;
    }
    case "sports": {
      // Replays of yesterday's events overnight, studio shows in the morning, live events from 10.
      // Three-hour events at 9 am, noon, 5 pm and 8 pm (local), each inside its daypart.
      cd.fill(at[0], at[6], (t, i) =>
        i === 0
          ? sportsAiring(seed, roster, previous, 3, false)
          : studio(seed, roster.channelId, day, hourOf(day, t, 0), false),
      );
      cd.fill(at[6], at[12], (t, i) =>
        i < 3 ? studio(seed, roster.channelId, day, hourOf(day, t, 6), true) : sportsAiring(seed, roster, day, 0, true),
      );
      cd.fill(at[12], at[17], (t, i) =>
        i === 0
          ? sportsAiring(seed, roster, day, 1, true)
          : studio(seed, roster.channelId, day, hourOf(day, t, 12), true),
      );
      cd.fill(at[17], at[20], () => sportsAiring(seed, roster, day, 2, true));
      cd.fill(at[20], at[23], () => sportsAiring(seed, roster, day, 3, true));
      cd.fill(at[23], at[24], (t) => studio(seed, roster.channelId, day, hourOf(day, t, 23), true));
      break;
    }
    case "movies":
      cd.fill(at[0], at[24], movie);
      break;
    case "premium":
      // Movies all day; Sunday night is the network's original series night.
      if (weekday === 0) {
        cd.fill(at[0], at[20], movie);
        cd.fill(at[20], at[23], (_t, i) => primeAiring(roster, day, i, false));
        cd.fill(at[23], at[24], movie);
      } else if (weekday === 1) {
        cd.fill(at[0], at[24], (t, i, remaining) =>
          i < 3 && roster.prime.length > 0 ? primeAiring(roster, previous, i, true) : movie(t, i, remaining),
        );
      } else cd.fill(at[0], at[24], movie);
      break;
    case "kids": {
      // Half-hour cartoons; new episodes on Saturday mornings.
      cd.fill(at[0], at[6], halfRepeat);
      cd.fill(at[6], at[12], (t, i) => {
        if (weekday === 6 && i >= 4 && i < 10) {
          const series = roster.halfHour[i] as Series;
          const k = weeklyEpisode(series, day.dayIndex);
          return episodeOf(series, k, 30, true, day.date);
        }
        return halfRepeat(t, i, 0);
      });
      cd.fill(at[12], at[24], halfRepeat);
      break;
    }
    case "music":
      cd.fill(at[0], at[24], (t) => {
        const h = hourOf(day, t, 0);
        const title = pickOf(
          ["Non-Stop Hits", "Video Countdown", "Throwback Jams", "Fresh Tracks", "Unplugged Sessions"],
          hash(seed, roster.channelId, Math.floor(h / 2)),
        );
        return showAiring(
          seed,
          roster.channelId,
          title,
          "Music",
          120,
          day,
          h,
          false,
          "Back-to-back music videos from today's biggest artists.",
        );
      });
      break;
    case "shopping":
      cd.fill(at[0], at[24], (t) => {
        const h = hourOf(day, t, 0);
        const title = pickOf(
          [
            "Kitchen Essentials",
            "Beauty Showcase",
            "Fashion Finds",
            "Tech Deals",
            "Home Comforts",
            "Jewelry Showcase",
            "Today's Special Value",
          ],
          hash(seed, roster.channelId, day.date, h),
        );
        return showAiring(
          seed,
          roster.channelId,
          title,
          "Shopping",
          60,
          day,
          h,
          true,
          "Live shopping with today's best deals.",
        );
      });
      break;
    case "public":
      cd.fill(at[0], at[6], (t) =>
        showAiring(
          seed,
          roster.channelId,
          "Public Affairs Events",
          "Public affairs",
          120,
          day,
          hourOf(day, t, 0),
          false,
          "Replay of recent hearings and public meetings.",
        ),
      );
      cd.fill(at[6], at[12], (t) =>
        showAiring(
          seed,
          roster.channelId,
          "Washington Journal",
          "Public affairs",
          180,
          day,
          hourOf(day, t, 6),
          true,
          "Live call-in program with elected officials and journalists.",
        ),
      );
      cd.fill(at[12], at[24], (t, i) =>
        showAiring(
          seed,
          roster.channelId,
          i % 2 === 0 ? "Public Affairs Events" : "City Council Meeting",
          "Public affairs",
          120,
          day,
          hourOf(day, t, 12),
          true,
          "Live and recorded coverage of public meetings and hearings.",
        ),
      );
      break;
  }
  return cd.out;
}

function studio(seed: number, channelId: string, day: Day, hour: number, isNew: boolean): Airing {
  const title = pickOf(SPORTS_STUDIO, hash(seed, channelId, hour));
  return showAiring(
    seed,
    channelId,
    title,
    "Sports talk",
    60,
    day,
    isNew ? hour : 24 + hour,
    isNew,
    "Highlights, scores and analysis from around the league.",
  );
}

/** Late-night talk: a new episode Monday to Friday. */
function lateAiring(series: Series, day: Pick<Day, "weekday" | "dayIndex" | "date">, rerun: boolean): Airing | null {
  if (day.weekday === 0 || day.weekday === 6) return null;
  const k = series.backCatalog + day.dayIndex;
  return episodeOf(series, k, 60, !rerun, day.date);
}

// ---------------------------------------------------------------------------------------------

/**
 * The guide for `channels` over `days` local days from the local date of `start`. Airings that
 * start before `start` are left out, so the guide can begin mid-day.
 */
export function generateGuide(channels: readonly GuideChannel[], options: GuideOptions): GuideProgram[] {
  const timeZone = options.timeZone ?? DEFAULT_GUIDE_TIME_ZONE;
  const seed = options.seed ?? 1;
  const count = options.days ?? GUIDE_DAYS;
  const first = calendarDateAt(options.start, timeZone);
  const days = Array.from({ length: count + 1 }, (_, i) => dayOf(addDays(first, i - 1), timeZone));
  const startMs = options.start.getTime();
  const out: GuideProgram[] = [];
  for (const channel of channels) {
    const roster = rosterOf(seed, channel);
    for (let i = 1; i < days.length; i += 1) {
      for (const program of planDay(seed, roster, days[i] as Day, days[i - 1] as Day)) {
        if (program.startsAt.getTime() >= startMs) out.push(program);
      }
    }
  }
  return out;
}

/** Where a guide generated from `start` for `days` days ends: the local midnight after its last day. */
export function guideEnd(start: Date, days = GUIDE_DAYS, timeZone = DEFAULT_GUIDE_TIME_ZONE): Date {
  return startOfDayAt(addDays(calendarDateAt(start, timeZone), days), timeZone);
}
