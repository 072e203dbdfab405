using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace ContactsModule.Conversion
{
    /// <summary>
    /// Resolves what people type in a "Country" column to one of the two-letter codes HighLevel's
    /// Contacts API accepts in its <c>country</c> field.
    /// </summary>
    /// <remarks>
    /// Accepted input, all trimmed and case-insensitive:
    /// a two-letter code from HighLevel's list ("de", "GB"); the matching ISO 3166 three-letter code
    /// ("DEU", "GBR"); the English name ("germany"); common aliases and native names ("USA",
    /// "U.S.A.", "United States of America", "UK", "England", "Deutschland", "Holland", "Czechia",
    /// "Ivory Coast", ...). Names are compared accent-, punctuation- and "the"-insensitively, so
    /// "México", "Côte d'Ivoire", "Cote D'Ivoire" and "The Netherlands" all resolve, and "St." equals
    /// "Saint". Note that "NA" is Namibia's code, as in HighLevel's list.
    /// HighLevel's list is older than ISO's current one: it keeps AN (Netherlands Antilles) and has
    /// no code for South Sudan, Curaçao, Bonaire or Saint Barthélemy; those are refused with a
    /// reason that says so. Thread-safe: the tables are built once and only read afterwards.
    /// </remarks>
    internal static class CountryCodes
    {
        private static readonly CountryInfo[] Countries;
        private static readonly Dictionary<string, string> CodeByKey = new Dictionary<string, string>(StringComparer.Ordinal);
        private static readonly Dictionary<string, string> NotAcceptedByKey = new Dictionary<string, string>(StringComparer.Ordinal);

        static CountryCodes()
        {
            var countries = new List<CountryInfo>();

            // code, ISO alpha-3, display name, aliases...
            void C(string code, string alpha3, string name, params string[] aliases)
            {
                countries.Add(new CountryInfo(code, name));
                Add(code, code);
                if (alpha3 != null) Add(alpha3, code);
                Add(name, code);
                foreach (var alias in aliases) Add(alias, code);
            }

            C("AF", "AFG", "Afghanistan");
            C("AX", "ALA", "Aland Islands", "Åland", "Aland");
            C("AL", "ALB", "Albania");
            C("DZ", "DZA", "Algeria");
            C("AS", "ASM", "American Samoa");
            C("AD", "AND", "Andorra");
            C("AO", "AGO", "Angola");
            C("AI", "AIA", "Anguilla");
            C("AQ", "ATA", "Antarctica");
            C("AG", "ATG", "Antigua and Barbuda", "Antigua");
            C("AR", "ARG", "Argentina");
            C("AM", "ARM", "Armenia");
            C("AW", "ABW", "Aruba");
            C("AU", "AUS", "Australia");
            C("AT", "AUT", "Austria", "Österreich");
            C("AZ", "AZE", "Azerbaijan");
            C("BS", "BHS", "Bahamas");
            C("BH", "BHR", "Bahrain");
            C("BD", "BGD", "Bangladesh");
            C("BB", "BRB", "Barbados");
            C("BY", "BLR", "Belarus");
            C("BE", "BEL", "Belgium", "België", "Belgique", "Belgien");
            C("BZ", "BLZ", "Belize");
            C("BJ", "BEN", "Benin");
            C("BM", "BMU", "Bermuda");
            C("BT", "BTN", "Bhutan");
            C("BO", "BOL", "Bolivia", "Bolivia, Plurinational State of", "Plurinational State of Bolivia");
            C("BA", "BIH", "Bosnia and Herzegovina", "Bosnia", "Bosnia-Herzegovina");
            C("BW", "BWA", "Botswana");
            C("BV", "BVT", "Bouvet Island");
            C("BR", "BRA", "Brazil", "Brasil");
            C("IO", "IOT", "British Indian Ocean Territory");
            C("BN", "BRN", "Brunei Darussalam", "Brunei");
            C("BG", "BGR", "Bulgaria");
            C("BF", "BFA", "Burkina Faso");
            C("BI", "BDI", "Burundi");
            C("KH", "KHM", "Cambodia");
            C("CM", "CMR", "Cameroon");
            C("CA", "CAN", "Canada");
            C("CV", "CPV", "Cape Verde", "Cabo Verde");
            C("KY", "CYM", "Cayman Islands", "Caymans");
            C("CF", "CAF", "Central African Republic");
            C("TD", "TCD", "Chad");
            C("CL", "CHL", "Chile");
            C("CN", "CHN", "China", "People's Republic of China", "PRC", "Mainland China");
            C("CX", "CXR", "Christmas Island");
            C("CC", "CCK", "Cocos (Keeling) Islands", "Cocos Islands", "Keeling Islands");
            C("CO", "COL", "Colombia");
            C("KM", "COM", "Comoros");
            C("CG", "COG", "Congo", "Republic of the Congo", "Congo Republic", "Congo-Brazzaville");
            C("CD", "COD", "Congo, Democratic Republic of the", "Congo (The Democratic Republic of the)",
                "Democratic Republic of the Congo", "DR Congo", "DRC", "Congo-Kinshasa", "Zaire");
            C("CK", "COK", "Cook Islands");
            C("CR", "CRI", "Costa Rica");
            C("CI", "CIV", "Cote d'Ivoire", "Ivory Coast");
            C("HR", "HRV", "Croatia", "Hrvatska");
            C("CU", "CUB", "Cuba");
            C("CY", "CYP", "Cyprus");
            C("CZ", "CZE", "Czech Republic", "Czechia", "Česko");
            C("DK", "DNK", "Denmark", "Danmark");
            C("DJ", "DJI", "Djibouti");
            C("DM", "DMA", "Dominica");
            C("DO", "DOM", "Dominican Republic");
            C("EC", "ECU", "Ecuador");
            C("EG", "EGY", "Egypt");
            C("SV", "SLV", "El Salvador");
            C("GQ", "GNQ", "Equatorial Guinea");
            C("ER", "ERI", "Eritrea");
            C("EE", "EST", "Estonia");
            C("ET", "ETH", "Ethiopia");
            C("FK", "FLK", "Falkland Islands (Malvinas)", "Falkland Islands", "Falklands", "Malvinas");
            C("FO", "FRO", "Faroe Islands", "Faroes", "Faeroe Islands");
            C("FJ", "FJI", "Fiji");
            C("FI", "FIN", "Finland", "Suomi");
            C("FR", "FRA", "France");
            C("GF", "GUF", "French Guiana");
            C("PF", "PYF", "French Polynesia");
            C("TF", "ATF", "French Southern Territories");
            C("GA", "GAB", "Gabon");
            C("GM", "GMB", "Gambia");
            C("GE", "GEO", "Georgia");
            C("DE", "DEU", "Germany", "Deutschland");
            C("GH", "GHA", "Ghana");
            C("GI", "GIB", "Gibraltar");
            C("GR", "GRC", "Greece", "Hellas");
            C("GL", "GRL", "Greenland");
            C("GD", "GRD", "Grenada");
            C("GP", "GLP", "Guadeloupe");
            C("GU", "GUM", "Guam");
            C("GT", "GTM", "Guatemala");
            C("GG", "GGY", "Guernsey");
            C("GN", "GIN", "Guinea");
            C("GW", "GNB", "Guinea-Bissau");
            C("GY", "GUY", "Guyana");
            C("HT", "HTI", "Haiti");
            C("HM", "HMD", "Heard Island and McDonald Islands");
            C("VA", "VAT", "Holy See (Vatican City State)", "Holy See", "Vatican", "Vatican City", "Vatican City State");
            C("HN", "HND", "Honduras");
            C("HK", "HKG", "Hong Kong");
            C("HU", "HUN", "Hungary", "Magyarország");
            C("IS", "ISL", "Iceland");
            C("IN", "IND", "India");
            C("ID", "IDN", "Indonesia");
            C("IR", "IRN", "Iran, Islamic Republic of", "Iran", "Iran (Islamic Republic Of)", "Islamic Republic of Iran");
            C("IQ", "IRQ", "Iraq");
            C("IE", "IRL", "Ireland", "Republic of Ireland", "Eire");
            C("IM", "IMN", "Isle of Man");
            C("IL", "ISR", "Israel");
            C("IT", "ITA", "Italy", "Italia");
            C("JM", "JAM", "Jamaica");
            C("JP", "JPN", "Japan");
            C("JE", "JEY", "Jersey");
            C("JO", "JOR", "Jordan");
            C("KZ", "KAZ", "Kazakhstan");
            C("KE", "KEN", "Kenya");
            C("KI", "KIR", "Kiribati");
            C("KP", "PRK", "Korea, Democratic People's Republic of", "Korea (Democratic People's Republic)",
                "Democratic People's Republic of Korea", "North Korea", "DPRK");
            C("KR", "KOR", "Korea, Republic of", "Korea (Republic of)", "Republic of Korea", "South Korea", "Korea", "ROK");
            C("XK", "XKX", "Kosovo");
            C("KW", "KWT", "Kuwait");
            C("KG", "KGZ", "Kyrgyzstan", "Kyrgyz Republic");
            C("LA", "LAO", "Lao People's Democratic Republic", "Laos", "Lao PDR", "Lao");
            C("LV", "LVA", "Latvia");
            C("LB", "LBN", "Lebanon");
            C("LS", "LSO", "Lesotho");
            C("LR", "LBR", "Liberia");
            C("LY", "LBY", "Libyan Arab Jamahiriya", "Libya");
            C("LI", "LIE", "Liechtenstein");
            C("LT", "LTU", "Lithuania");
            C("LU", "LUX", "Luxembourg");
            C("MO", "MAC", "Macao", "Macau");
            C("MK", "MKD", "Macedonia, the Former Yugoslav Republic of", "Macedonia (The Former Yugoslav Republic of)",
                "Macedonia", "North Macedonia", "FYROM");
            C("MG", "MDG", "Madagascar");
            C("MW", "MWI", "Malawi");
            C("MY", "MYS", "Malaysia");
            C("MV", "MDV", "Maldives");
            C("ML", "MLI", "Mali");
            C("MT", "MLT", "Malta");
            C("MH", "MHL", "Marshall Islands");
            C("MQ", "MTQ", "Martinique");
            C("MR", "MRT", "Mauritania");
            C("MU", "MUS", "Mauritius");
            C("YT", "MYT", "Mayotte");
            C("MX", "MEX", "Mexico");
            C("FM", "FSM", "Micronesia, Federated States of", "Micronesia (Federated States of)", "Micronesia",
                "Federated States of Micronesia");
            C("MD", "MDA", "Moldova, Republic of", "Moldova (Republic of)", "Moldova", "Republic of Moldova");
            C("MC", "MCO", "Monaco");
            C("MN", "MNG", "Mongolia");
            C("ME", "MNE", "Montenegro");
            C("MS", "MSR", "Montserrat");
            C("MA", "MAR", "Morocco");
            C("MZ", "MOZ", "Mozambique");
            C("MM", "MMR", "Myanmar", "Burma");
            C("NA", "NAM", "Namibia");
            C("NR", "NRU", "Nauru");
            C("NP", "NPL", "Nepal");
            C("NL", "NLD", "Netherlands", "Holland", "Nederland");
            C("AN", "ANT", "Netherlands Antilles");
            C("NC", "NCL", "New Caledonia");
            C("NZ", "NZL", "New Zealand", "Aotearoa");
            C("NI", "NIC", "Nicaragua");
            C("NE", "NER", "Niger");
            C("NG", "NGA", "Nigeria");
            C("NU", "NIU", "Niue");
            C("NF", "NFK", "Norfolk Island");
            C("MP", "MNP", "Northern Mariana Islands");
            C("NO", "NOR", "Norway", "Norge");
            C("OM", "OMN", "Oman");
            C("PK", "PAK", "Pakistan");
            C("PW", "PLW", "Palau");
            C("PS", "PSE", "Palestinian Territory, Occupied", "Palestinian Territory (Occupied)", "Palestinian Territory",
                "Palestinian Territories", "Palestine", "State of Palestine");
            C("PA", "PAN", "Panama");
            C("PG", "PNG", "Papua New Guinea");
            C("PY", "PRY", "Paraguay");
            C("PE", "PER", "Peru");
            C("PH", "PHL", "Philippines");
            C("PN", "PCN", "Pitcairn", "Pitcairn Islands");
            C("PL", "POL", "Poland", "Polska");
            C("PT", "PRT", "Portugal");
            C("PR", "PRI", "Puerto Rico");
            C("QA", "QAT", "Qatar");
            C("RE", "REU", "Reunion");
            C("RO", "ROU", "Romania");
            C("RU", "RUS", "Russian Federation", "Russia");
            C("RW", "RWA", "Rwanda");
            C("SH", "SHN", "Saint Helena");
            C("KN", "KNA", "Saint Kitts and Nevis", "Saint Kitts");
            C("LC", "LCA", "Saint Lucia");
            C("MF", "MAF", "Saint Martin", "Saint Martin (French part)");
            C("PM", "SPM", "Saint Pierre and Miquelon");
            C("VC", "VCT", "Saint Vincent and the Grenadines", "Saint Vincent");
            C("WS", "WSM", "Samoa");
            C("SM", "SMR", "San Marino");
            C("ST", "STP", "Sao Tome and Principe");
            C("SA", "SAU", "Saudi Arabia", "KSA");
            C("SN", "SEN", "Senegal");
            C("RS", "SRB", "Serbia");
            C("SC", "SYC", "Seychelles");
            C("SL", "SLE", "Sierra Leone");
            C("SG", "SGP", "Singapore");
            C("SX", "SXM", "Sint Maarten", "Sint Maarten (Dutch part)");
            C("SK", "SVK", "Slovakia", "Slovak Republic");
            C("SI", "SVN", "Slovenia");
            C("SB", "SLB", "Solomon Islands");
            C("SO", "SOM", "Somalia");
            C("ZA", "ZAF", "South Africa", "RSA");
            C("GS", "SGS", "South Georgia and the South Sandwich Islands", "South Georgia");
            C("ES", "ESP", "Spain", "España");
            C("LK", "LKA", "Sri Lanka");
            C("SD", "SDN", "Sudan");
            C("SR", "SUR", "Suriname");
            C("SJ", "SJM", "Svalbard and Jan Mayen", "Svalbard");
            C("SZ", "SWZ", "Swaziland", "Eswatini");
            C("SE", "SWE", "Sweden", "Sverige");
            C("CH", "CHE", "Switzerland", "Schweiz", "Suisse", "Svizzera");
            C("SY", "SYR", "Syrian Arab Republic", "Syria");
            C("TW", "TWN", "Taiwan", "Taiwan, Province of China");
            C("TJ", "TJK", "Tajikistan");
            C("TZ", "TZA", "Tanzania, United Republic of", "Tanzania (United Republic of)", "Tanzania", "United Republic of Tanzania");
            C("TH", "THA", "Thailand");
            C("TL", "TLS", "Timor-Leste", "East Timor");
            C("TG", "TGO", "Togo");
            C("TK", "TKL", "Tokelau");
            C("TO", "TON", "Tonga");
            C("TT", "TTO", "Trinidad and Tobago", "Trinidad");
            C("TN", "TUN", "Tunisia");
            C("TR", "TUR", "Turkey", "Türkiye");
            C("TM", "TKM", "Turkmenistan");
            C("TC", "TCA", "Turks and Caicos Islands", "Turks and Caicos");
            C("TV", "TUV", "Tuvalu");
            C("UG", "UGA", "Uganda");
            C("GB", "GBR", "United Kingdom", "UK", "U.K.", "Great Britain", "Britain", "England", "Scotland", "Wales",
                "Northern Ireland", "United Kingdom of Great Britain and Northern Ireland");
            C("UA", "UKR", "Ukraine");
            C("AE", "ARE", "United Arab Emirates", "UAE", "Emirates");
            C("US", "USA", "United States", "U.S.", "U.S.A.", "United States of America", "America", "US of A");
            C("UM", "UMI", "United States Minor Outlying Islands", "US Minor Outlying Islands");
            C("UY", "URY", "Uruguay");
            C("UZ", "UZB", "Uzbekistan");
            C("VU", "VUT", "Vanuatu");
            C("VE", "VEN", "Venezuela", "Venezuela, Bolivarian Republic of", "Bolivarian Republic of Venezuela");
            C("VN", "VNM", "Viet Nam", "Vietnam");
            C("VG", "VGB", "Virgin Islands, British", "Virgin Islands (British)", "British Virgin Islands", "BVI");
            C("VI", "VIR", "Virgin Islands, U.S.", "Virgin Islands (U.S.)", "US Virgin Islands", "USVI");
            C("WF", "WLF", "Wallis and Futuna");
            C("EH", "ESH", "Western Sahara");
            C("YE", "YEM", "Yemen");
            C("ZM", "ZMB", "Zambia");
            C("ZW", "ZWE", "Zimbabwe");

            // Real countries (ISO 3166-1) that HighLevel's list has no code for.
            void N(string name, params string[] keys)
            {
                foreach (var k in keys) NotAcceptedByKey[Key(k)] = name;
            }
            N("South Sudan", "SS", "SSD", "South Sudan");
            N("Curaçao", "CW", "CUW", "Curacao");
            N("Bonaire, Sint Eustatius and Saba", "BQ", "BES", "Bonaire", "Caribbean Netherlands", "Bonaire, Sint Eustatius and Saba");
            N("Saint Barthélemy", "BL", "BLM", "Saint Barthelemy", "St Barts");

            countries.Sort((a, b) => string.CompareOrdinal(a.Code, b.Code));
            Countries = countries.ToArray();
            All = Array.AsReadOnly(Countries);
        }

        /// <summary>Every country HighLevel accepts, ordered by code (for tab completion and help).</summary>
        public static IReadOnlyList<CountryInfo> All { get; }

        /// <summary>
        /// Resolves a code, name or alias to HighLevel's two-letter code (upper case).
        /// Blank input is "not given": true with a null code.
        /// Reasons: "is not a known country name or code. Use a two-letter code such as US or DE." or
        /// "is South Sudan, which is not in HighLevel's list of accepted countries."
        /// </summary>
        public static bool TryResolve(string input, out string code, out string reason)
        {
            code = null;
            reason = null;
            var text = CellText.Clean(input);
            if (text == null) return true;

            var key = Key(text);
            if (key.Length > 0 && CodeByKey.TryGetValue(key, out code)) return true;

            code = null;
            if (key.Length > 0 && NotAcceptedByKey.TryGetValue(key, out var name))
            {
                reason = "is " + name + ", which is not in HighLevel's list of accepted countries.";
                return false;
            }

            reason = "is not a known country name or code. Use a two-letter code such as US or DE.";
            return false;
        }

        private static void Add(string text, string code)
        {
            var key = Key(text);
            if (CodeByKey.TryGetValue(key, out var existing))
            {
                if (existing != code)
                    throw new InvalidOperationException("Country key '" + key + "' maps to both " + existing + " and " + code + ".");
                return;
            }
            CodeByKey.Add(key, code);
        }

        /// <summary>
        /// The comparison key: accents removed, lower case, "&amp;" as "and", periods and apostrophes
        /// dropped ("U.S.A." = "usa", "d'Ivoire" = "divoire"), other punctuation as spaces, "st" as
        /// "saint", a leading "the" dropped.
        /// </summary>
        internal static string Key(string text)
        {
            var decomposed = text.Normalize(NormalizationForm.FormD);
            var sb = new StringBuilder(decomposed.Length);
            foreach (var ch in decomposed)
            {
                var category = CharUnicodeInfo.GetUnicodeCategory(ch);
                if (category == UnicodeCategory.NonSpacingMark) continue;
                if (ch == '.' || ch == '\'' || ch == '"' || ch == '`' || ch == '\u2019' || ch == '\u2018' || ch == '\u00B4') continue;
                if (ch == '&') { sb.Append(" and "); continue; }
                if (char.IsLetterOrDigit(ch)) sb.Append(char.ToLowerInvariant(ch));
                else sb.Append(' ');
            }

            var tokens = sb.ToString().Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
            var result = new StringBuilder();
            for (int i = 0; i < tokens.Length; i++)
            {
                var token = tokens[i];
                if (i == 0 && token == "the" && tokens.Length > 1) continue;
                if (token == "st") token = "saint";
                if (result.Length > 0) result.Append(' ');
                result.Append(token);
            }
            return result.ToString();
        }
    }
}
