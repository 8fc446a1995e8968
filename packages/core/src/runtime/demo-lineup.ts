/**
 * The demo provider's TV lineup for the Sacramento, CA area: channel numbers, networks and which
 * TV package first includes each channel. Packages are nested: TV Select (125 channels) is in
 * TV Silver (175), and TV Gold carries every channel, premium movie networks included.
 */

export interface LineupChannel {
  id: string;
  number: number;
  name: string;
  callSign: string;
  hd: boolean;
  category:
    | "local"
    | "news"
    | "sports"
    | "movies"
    | "kids"
    | "entertainment"
    | "lifestyle"
    | "music"
    | "spanish"
    | "premium"
    | "shopping"
    | "public";
}

type PackageId = "tv-select" | "tv-silver" | "tv-gold";
type Category = LineupChannel["category"];

/** The smallest package a channel is in; every larger package has it too. */
type Tier = "select" | "silver" | "gold";

/** number, id, name, call sign, smallest package, HD (default true). */
type Row = readonly [number: number, id: string, name: string, callSign: string, tier: Tier, hd?: boolean];

const LINEUP: Readonly<Record<Category, readonly Row[]>> = {
  local: [
    [3, "kcra", "KCRA 3 (NBC)", "KCRA", "select"],
    [4, "kmax", "CW31 (KMAX)", "KMAX", "select"],
    [5, "kqca", "My58 (KQCA)", "KQCA", "select"],
    [6, "kvie", "KVIE 6 (PBS)", "KVIE", "select"],
    [7, "ktxl", "FOX40 (KTXL)", "KTXL", "select"],
    [8, "kspx", "ION Television (KSPX)", "KSPX", "select"],
    [10, "kxtv", "ABC10 (KXTV)", "KXTV", "select"],
    [11, "kcso", "Telemundo 33 (KCSO)", "KCSO", "select"],
    [12, "kuvs", "Univision 19 (KUVS)", "KUVS", "select"],
    [13, "kovr", "CBS13 (KOVR)", "KOVR", "select"],
    [15, "ktfk", "UniMás 64 (KTFK)", "KTFK", "select"],
  ],
  public: [
    [14, "metro-cable-14", "Metro Cable 14 (Government)", "METRO", "select", false],
    [17, "access-sacramento", "Access Sacramento", "ACCSAC", "select", false],
    [18, "educational-access", "Educational Access", "EDUC", "select", false],
    [41, "c-span", "C-SPAN", "CSPAN", "select"],
    [42, "c-span2", "C-SPAN2", "CSPAN2", "select"],
    [43, "c-span3", "C-SPAN3", "CSPAN3", "select"],
  ],
  news: [
    [22, "court-tv", "Court TV", "COURT", "select", false],
    [30, "cnn", "CNN", "CNN", "select"],
    [31, "hln", "HLN", "HLN", "select"],
    [32, "fox-news", "Fox News Channel", "FNC", "select"],
    [33, "msnbc", "MSNBC", "MSNBC", "select"],
    [34, "cnbc", "CNBC", "CNBC", "select"],
    [35, "fox-business", "Fox Business Network", "FBN", "select"],
    [36, "bloomberg-tv", "Bloomberg TV", "BLOOM", "select"],
    [37, "newsmax", "Newsmax", "NMAX", "select"],
    [38, "newsnation", "NewsNation", "NEWSN", "select"],
    [39, "weather-channel", "The Weather Channel", "TWC", "select"],
    [40, "bbc-news", "BBC News", "BBCN", "select"],
    [44, "abc-news-live", "ABC News Live", "ABCNL", "silver"],
    [45, "scripps-news", "Scripps News", "SCRIPPS", "silver"],
    [46, "free-speech-tv", "Free Speech TV", "FSTV", "silver"],
    [47, "fox-weather", "Fox Weather", "FWX", "silver"],
    [48, "oan", "One America News", "OAN", "silver"],
  ],
  sports: [
    [60, "espn", "ESPN", "ESPN", "select"],
    [61, "espn2", "ESPN2", "ESPN2", "select"],
    [62, "fs1", "FS1", "FS1", "select"],
    [63, "nbc-sports-california", "NBC Sports California", "NBCSCA", "select"],
    [64, "nbc-sports-bay-area", "NBC Sports Bay Area", "NBCSBA", "select"],
    [65, "espnu", "ESPNU", "ESPNU", "silver"],
    [66, "espnews", "ESPNews", "ESPNEWS", "silver"],
    [67, "fs2", "FS2", "FS2", "silver"],
    [68, "golf-channel", "Golf Channel", "GOLF", "silver"],
    [69, "tennis-channel", "Tennis Channel", "TENNIS", "silver"],
    [70, "nfl-network", "NFL Network", "NFLN", "silver"],
    [71, "nba-tv", "NBA TV", "NBATV", "silver"],
    [72, "mlb-network", "MLB Network", "MLBN", "silver"],
    [73, "nhl-network", "NHL Network", "NHLN", "silver"],
    [74, "big-ten-network", "Big Ten Network", "BTN", "silver"],
    [75, "sec-network", "SEC Network", "SECN", "silver"],
    [76, "acc-network", "ACC Network", "ACCN", "silver"],
    [77, "cbs-sports-network", "CBS Sports Network", "CBSSN", "silver"],
    [78, "bein-sports", "beIN SPORTS", "BEIN", "silver"],
    [79, "outdoor-channel", "Outdoor Channel", "OUTDOOR", "silver"],
    [80, "sportsman-channel", "Sportsman Channel", "SPORTSMN", "silver"],
    [81, "nfl-redzone", "NFL RedZone", "REDZONE", "gold"],
    [82, "tvg", "FanDuel TV", "FDTV", "gold"],
  ],
  entertainment: [
    [9, "metv", "MeTV", "METV", "select", false],
    [16, "antenna-tv", "Antenna TV", "ANTENNA", "select", false],
    [19, "cozi-tv", "Cozi TV", "COZI", "select", false],
    [20, "start-tv", "Start TV", "START", "select", false],
    [21, "bounce-tv", "Bounce", "BOUNCE", "select", false],
    [23, "grit", "Grit", "GRIT", "select", false],
    [24, "heroes-icons", "Heroes & Icons", "HANDI", "select", false],
    [25, "comet", "Comet", "COMET", "select", false],
    [26, "charge", "Charge!", "CHARGE", "select", false],
    [27, "dabl", "Dabl", "DABL", "select", false],
    [28, "laff", "Laff", "LAFF", "select", false],
    [29, "ion-mystery", "ION Mystery", "IONMYST", "select", false],
    [100, "amc", "AMC", "AMC", "select"],
    [101, "a-and-e", "A&E", "AETV", "select"],
    [102, "bet", "BET", "BET", "select"],
    [103, "bravo", "Bravo", "BRAVO", "select"],
    [104, "comedy-central", "Comedy Central", "COMEDY", "select"],
    [105, "e-entertainment", "E!", "E", "select"],
    [106, "freeform", "Freeform", "FREEFRM", "select"],
    [107, "fx", "FX", "FX", "select"],
    [108, "fxx", "FXX", "FXX", "select"],
    [109, "fyi", "FYI", "FYI", "select"],
    [110, "hallmark-channel", "Hallmark Channel", "HALL", "select"],
    [111, "ifc", "IFC", "IFC", "select"],
    [112, "lifetime", "Lifetime", "LIFE", "select"],
    [113, "mtv", "MTV", "MTV", "select"],
    [114, "oxygen", "Oxygen True Crime", "OXYGEN", "select"],
    [115, "paramount-network", "Paramount Network", "PARAMNT", "select"],
    [116, "syfy", "Syfy", "SYFY", "select"],
    [117, "tbs", "TBS", "TBS", "select"],
    [118, "tnt", "TNT", "TNT", "select"],
    [119, "trutv", "truTV", "TRUTV", "select"],
    [120, "tv-land", "TV Land", "TVLAND", "select"],
    [121, "usa-network", "USA Network", "USA", "select"],
    [122, "vh1", "VH1", "VH1", "select"],
    [123, "we-tv", "WE tv", "WETV", "select"],
    [124, "own", "OWN", "OWN", "select"],
    [125, "pop-tv", "Pop TV", "POP", "select"],
    [126, "reelz", "Reelz", "REELZ", "select"],
    [127, "bet-her", "BET Her", "BETHER", "select"],
    [128, "cmt", "CMT", "CMT", "select"],
    [129, "investigation-discovery", "Investigation Discovery", "ID", "select"],
    [130, "discovery", "Discovery Channel", "DISC", "select"],
    [131, "history", "History", "HIST", "select"],
    [132, "national-geographic", "National Geographic", "NGC", "select"],
    [133, "nat-geo-wild", "Nat Geo WILD", "NGWILD", "select"],
    [134, "animal-planet", "Animal Planet", "APL", "select"],
    [135, "science-channel", "Science Channel", "SCI", "select"],
    [136, "smithsonian-channel", "Smithsonian Channel", "SMITH", "select"],
    [137, "american-heroes-channel", "American Heroes Channel", "AHC", "select"],
    [138, "gsn", "Game Show Network", "GSN", "select"],
    [139, "crime-investigation", "Crime + Investigation", "CRIME", "select"],
    [140, "vice-tv", "Vice TV", "VICE", "select"],
    [141, "mtv2", "MTV2", "MTV2", "select"],
    [142, "logo", "Logo", "LOGO", "select"],
    [143, "ovation", "Ovation", "OVATION", "select"],
    [144, "tv-one", "TV One", "TVONE", "select"],
    [145, "cleo-tv", "Cleo TV", "CLEO", "select"],
    [146, "byutv", "BYUtv", "BYUTV", "select"],
    [147, "insp", "INSP", "INSP", "select"],
    [148, "great-american-family", "Great American Family", "GAF", "select"],
    [149, "up-tv", "UPtv", "UPTV", "select"],
    [150, "destination-america", "Destination America", "DEST", "select"],
    [151, "buzzr", "Buzzr", "BUZZR", "select"],
  ],
  lifestyle: [
    [200, "food-network", "Food Network", "FOOD", "select"],
    [201, "hgtv", "HGTV", "HGTV", "select"],
    [202, "tlc", "TLC", "TLC", "select"],
    [203, "travel-channel", "Travel Channel", "TRAV", "select"],
    [204, "cooking-channel", "Cooking Channel", "COOK", "select"],
    [205, "magnolia-network", "Magnolia Network", "MAGN", "select"],
    [206, "motor-trend", "MotorTrend", "MTRND", "select"],
    [207, "discovery-life", "Discovery Life", "DLIFE", "select"],
    [208, "create", "Create", "CREATE", "select"],
    [209, "ewtn", "EWTN", "EWTN", "select"],
    [210, "tbn", "TBN", "TBN", "select"],
    [211, "daystar", "Daystar", "DAYSTAR", "select"],
  ],
  kids: [
    [250, "disney-channel", "Disney Channel", "DISN", "select"],
    [251, "disney-junior", "Disney Junior", "DJR", "select"],
    [252, "disney-xd", "Disney XD", "DXD", "select"],
    [253, "nickelodeon", "Nickelodeon", "NICK", "select"],
    [254, "nick-jr", "Nick Jr.", "NICKJR", "select"],
    [255, "cartoon-network", "Cartoon Network", "TOON", "select"],
    [256, "universal-kids", "Universal Kids", "UKIDS", "select"],
    [257, "discovery-family", "Discovery Family", "DFAM", "select"],
    [258, "pbs-kids", "PBS Kids", "PBSKIDS", "select"],
    [259, "nicktoons", "Nicktoons", "NTOON", "silver"],
    [260, "teennick", "TeenNick", "TNICK", "silver"],
    [261, "boomerang", "Boomerang", "BOOM", "silver"],
    [262, "babyfirst", "BabyFirst", "BABYFT", "silver"],
  ],
  movies: [
    [290, "tcm", "Turner Classic Movies", "TCM", "silver"],
    [291, "fxm", "FXM", "FXM", "silver"],
    [292, "sundance-tv", "SundanceTV", "SUNDANCE", "silver"],
    [293, "lmn", "Lifetime Movie Network", "LMN", "silver"],
    [294, "lifetime-real-women", "Lifetime Real Women", "LRW", "silver"],
    [295, "hallmark-mystery", "Hallmark Mystery", "HMYS", "silver"],
    [296, "sony-movies", "Sony Movies", "SONY", "silver"],
    [297, "movies", "Movies!", "MOVIES", "silver"],
  ],
  music: [
    [330, "mtv-live", "MTV Live", "MTVL", "silver"],
    [331, "mtvu", "MTVU", "MTVU", "silver"],
    [332, "cmt-music", "CMT Music", "CMTMUS", "silver"],
    [333, "bet-soul", "BET Soul", "BETSOUL", "silver"],
    [334, "axs-tv", "AXS TV", "AXS", "silver"],
    [335, "revolt", "Revolt", "REVOLT", "silver"],
    [340, "music-choice-hit-list", "Music Choice Hit List", "MCHITS", "silver", false],
    [341, "music-choice-pop-hits", "Music Choice Pop Hits", "MCPOP", "silver", false],
    [342, "music-choice-country", "Music Choice Country", "MCCTRY", "gold", false],
    [343, "music-choice-rock", "Music Choice Rock", "MCROCK", "gold", false],
  ],
  shopping: [
    [370, "qvc", "QVC", "QVC", "select"],
    [371, "qvc2", "QVC2", "QVC2", "select"],
    [372, "hsn", "HSN", "HSN", "select"],
    [373, "hsn2", "HSN2", "HSN2", "select"],
    [374, "shop-lc", "Shop LC", "SHOPLC", "select"],
    [375, "jewelry-tv", "Jewelry Television", "JTV", "select"],
  ],
  premium: [
    [400, "hbo-east", "HBO (East)", "HBOE", "gold"],
    [401, "hbo-west", "HBO (West)", "HBOW", "gold"],
    [402, "hbo2", "HBO 2", "HBO2", "gold"],
    [403, "hbo-signature", "HBO Signature", "HBOSIG", "gold"],
    [404, "hbo-family", "HBO Family", "HBOFAM", "gold"],
    [405, "hbo-comedy", "HBO Comedy", "HBOCOM", "gold"],
    [406, "hbo-latino", "HBO Latino", "HBOLAT", "gold"],
    [420, "cinemax-east", "Cinemax (East)", "MAXE", "gold"],
    [421, "cinemax-west", "Cinemax (West)", "MAXW", "gold"],
    [422, "moremax", "MoreMax", "MMAX", "gold"],
    [423, "actionmax", "ActionMax", "AMAX", "gold"],
    [424, "5starmax", "5StarMax", "5MAX", "gold"],
    [440, "showtime-east", "Showtime (East)", "SHOE", "gold"],
    [441, "showtime-west", "Showtime (West)", "SHOW", "gold"],
    [442, "showtime-2", "Showtime 2", "SHO2", "gold"],
    [443, "showtime-extreme", "Showtime Extreme", "SHOX", "gold"],
    [444, "showtime-showcase", "Showtime Showcase", "SHOCSE", "gold"],
    [450, "tmc-east", "The Movie Channel (East)", "TMCE", "gold"],
    [451, "tmc-west", "The Movie Channel (West)", "TMCW", "gold"],
    [452, "tmc-xtra", "The Movie Channel Xtra", "TMCX", "gold"],
    [460, "starz-east", "Starz (East)", "STZE", "gold"],
    [461, "starz-west", "Starz (West)", "STZW", "gold"],
    [462, "starz-edge", "Starz Edge", "STZEDG", "gold"],
    [463, "starz-comedy", "Starz Comedy", "STZCOM", "gold"],
    [464, "starz-kids-family", "Starz Kids & Family", "STZKF", "gold"],
    [465, "starz-encore", "Starz Encore", "ENC", "gold"],
    [466, "starz-encore-action", "Starz Encore Action", "ENCACT", "gold"],
    [480, "mgm-plus-east", "MGM+ (East)", "MGME", "gold"],
    [481, "mgm-plus-west", "MGM+ (West)", "MGMW", "gold"],
    [482, "mgm-plus-hits", "MGM+ Hits", "MGMHIT", "gold"],
    [483, "mgm-plus-marquee", "MGM+ Marquee", "MGMMRQ", "gold"],
  ],
  spanish: [
    [600, "cnn-en-espanol", "CNN en Español", "CNNE", "silver"],
    [601, "espn-deportes", "ESPN Deportes", "ESPND", "silver"],
    [602, "fox-deportes", "Fox Deportes", "FOXDEP", "silver"],
    [603, "galavision", "Galavisión", "GALA", "silver"],
    [604, "tudn", "TUDN", "TUDN", "silver"],
    [605, "universo", "Universo", "UNIVSO", "silver"],
    [606, "discovery-en-espanol", "Discovery en Español", "DESP", "silver"],
    [607, "history-en-espanol", "History en Español", "HESP", "silver"],
    [608, "estrella-tv", "Estrella TV", "ESTRLA", "silver"],
    [609, "cine-latino", "Cinelatino", "CINELAT", "gold"],
    [610, "discovery-familia", "Discovery Familia", "DFAMIL", "gold"],
    [611, "tlnovelas", "Univision tlnovelas", "TLNOVL", "gold"],
  ],
};

const TIER_RANK: Readonly<Record<Tier, number>> = { select: 0, silver: 1, gold: 2 };

const ROWS = (Object.entries(LINEUP) as [Category, readonly Row[]][])
  .flatMap(([category, rows]) => rows.map((row) => ({ row, category })))
  .sort((a, b) => a.row[0] - b.row[0]);

/** The whole lineup, by channel number. */
export const DEMO_CHANNELS: readonly LineupChannel[] = ROWS.map(
  ({ row: [number, id, name, callSign, , hd = true], category }) => ({ id, number, name, callSign, hd, category }),
);

const channelsUpTo = (packageTier: Tier): readonly string[] =>
  ROWS.filter(({ row }) => TIER_RANK[row[4]] <= TIER_RANK[packageTier]).map(({ row }) => row[1]);

/** Channel ids per TV package id. */
export const DEMO_PACKAGE_CHANNELS: Readonly<Record<PackageId, readonly string[]>> = {
  "tv-select": channelsUpTo("select"),
  "tv-silver": channelsUpTo("silver"),
  "tv-gold": channelsUpTo("gold"),
};
