<#
.SYNOPSIS
    Writes a CSV of generated, unique contacts for benchmarks and load tests of New-Contact.

.DESCRIPTION
    Streams $Count rows to $Path with a StreamWriter (constant memory; 100,000 rows take a few
    seconds). The header uses names New-Contact binds by property name:
        FirstName,LastName,Email,Phone,CompanyName,City,Country,Tags,Source
    The file is UTF-8 with a byte-order mark (so Windows PowerShell 5.1's Import-Csv reads the
    accents correctly) and LF line ends.

    Every row is unique and valid:
    - Email: user000001@example.com, user000002@example.com, ... (row number, six digits or more).
    - Phone: +1 555 0XX XXXX, counting up from +1 555 000 0000 (row 1) to +1 555 099 9999
      (row 1,000,000). Area code 555 is not in service, so these are fictional, and libphonenumber
      calls every one of them "possible" (PhoneNumberNormalizer accepts possible numbers), so each
      row gets its own E.164 number +1555000000..+1555099999.
      Hence at most 1,000,000 rows.
    - Names, company, city/country (a code, a name or an alias such as "USA" or "Deutschland"),
      tags and source are drawn from fixed lists with System.Random($Seed): the same $Seed gives
      the same file.
    With -InvalidEvery N (N > 0), every N-th row (rows N, 2N, 3N, ...) has the country 'Atlantis',
    which New-Contact must refuse; its email and phone stay unique.

.EXAMPLE
    ./bench/New-ContactCsv.ps1 -Count 100000 -Path bench/work/contacts-100k.csv -InvalidEvery 1000
#>
[CmdletBinding()]
param(
    [ValidateRange(1, 1000000)]
    [int]$Count = 1000,
    [Parameter(Mandatory = $true)]
    [string]$Path,
    [ValidateRange(0, [int]::MaxValue)]
    [int]$InvalidEvery = 0,
    [int]$Seed = 1
)

Set-StrictMode -Version 2.0
$ErrorActionPreference = 'Stop'

# CSV-quote a value only when it needs it (done once per list entry, not per row).
function ConvertTo-CsvField([string]$Value) {
    if ($Value.IndexOfAny([char[]]@(',', '"', "`r", "`n")) -ge 0) {
        return '"' + $Value.Replace('"', '""') + '"'
    }
    return $Value
}

$firstNames = @('Olivia', 'Liam', 'Emma', 'Noah', 'Amelia', 'Oliver', 'Sophia', 'Elijah', 'Isabella', 'James',
    'Mia', 'Lucas', 'Charlotte', 'Mateo', 'Zoë', 'José', 'Chloé', 'Björn', 'Anaïs', 'Søren', 'Priya', 'Aarav',
    'Yuki', 'Ji-woo', 'Fatima', 'Omar', 'Ingrid', 'Henrik', 'Léa', 'Łukasz', 'Siobhán', 'Nguyễn', '太郎', 'Ava')
$lastNames = @('Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'García', 'Miller', 'Davis', 'Müller', 'Schneider',
    'Dubois', 'Rossi', 'Silva', 'Kowalski', 'Novák', "O'Connor", 'Andersen', 'Yamada', 'Kim', 'Patel', 'Sharma',
    'Al-Sayed', 'Fernández', 'Johansson', 'Nowak', 'Lefèvre', 'Janssen', 'Murphy', 'Tanaka', 'Evans')
$companies = @('Acme, Inc.', 'Globex Corporation', 'Initech', 'Umbrella Holdings, LLC', 'Müller GmbH', 'Dubois & Fils',
    'Stark Industries', 'Wayne Enterprises', 'Hooli', 'Vandelay Industries', 'Soylent Corp.', 'Tyrell, Ltd.',
    'Cyberdyne Systems', 'Wonka Industries', 'Gringotts', 'Oceanic Airlines', 'Bluth Company', 'Dunder Mifflin',
    'Prestige Worldwide', 'Los Pollos Hermanos', 'Pied Piper', 'Aperture Science', '"Quoted" Widgets Co.', '')
# City and the country as people type it (codes, names and aliases): all resolve with CountryCodes.
$places = @(
    @('New York', 'US'), @('Chicago', 'USA'), @('Austin', 'United States'), @('Denver', 'us'),
    @('Seattle', 'U.S.A.'), @('Toronto', 'Canada'), @('Vancouver', 'CA'), @('London', 'GB'),
    @('Manchester', 'United Kingdom'), @('Cardiff', 'Wales'), @('Berlin', 'DE'), @('München', 'Germany'),
    @('Hamburg', 'Deutschland'), @('Paris', 'France'), @('Lyon', 'FR'), @('Madrid', 'Spain'),
    @('Roma', 'Italy'), @('Amsterdam', 'Netherlands'), @('Zürich', 'Switzerland'), @('Wien', 'Österreich'),
    @('Sydney', 'Australia'), @('Auckland', 'New Zealand'), @('Tokyo', 'JP'), @('Seoul', 'South Korea'),
    @('São Paulo', 'Brasil'), @('Ciudad de México', 'México'), @('Dubai', 'UAE'), @('Dublin', 'Ireland'))
$tagChoices = @('vip', 'newsletter', 'prospect', 'customer', 'partner', 'trade show', '2024', '2025', 'webinar', 'referral')
$sources = @('Website', 'Referral', 'Trade Show 2024', 'LinkedIn', 'Cold Call', 'Import')

$firstNames = @($firstNames | ForEach-Object { ConvertTo-CsvField $_ })
$lastNames = @($lastNames | ForEach-Object { ConvertTo-CsvField $_ })
$companies = @($companies | ForEach-Object { ConvertTo-CsvField $_ })
$cities = @($places | ForEach-Object { ConvertTo-CsvField $_[0] })
$countries = @($places | ForEach-Object { ConvertTo-CsvField $_[1] })
$sources = @($sources | ForEach-Object { ConvertTo-CsvField $_ })

$fullPath = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($Path)
$directory = [System.IO.Path]::GetDirectoryName($fullPath)
if ($directory -and -not [System.IO.Directory]::Exists($directory)) {
    [void][System.IO.Directory]::CreateDirectory($directory)
}

$random = New-Object System.Random $Seed
$writer = New-Object System.IO.StreamWriter($fullPath, $false, (New-Object System.Text.UTF8Encoding $true), 65536)
$writer.NewLine = "`n"
try {
    $writer.WriteLine('FirstName,LastName,Email,Phone,CompanyName,City,Country,Tags,Source')
    $nFirst = $firstNames.Count; $nLast = $lastNames.Count; $nCompany = $companies.Count
    $nPlace = $cities.Count; $nTag = $tagChoices.Count; $nSource = $sources.Count

    for ($i = 1; $i -le $Count; $i++) {
        $n = $i - 1
        # +1 555 0XX XXXX: exchange 000-099 from n / 10000, line number from n % 10000.
        $phone = '+1 555 0{0:00} {1:0000}' -f [math]::Floor($n / 10000), ($n % 10000)
        $place = $random.Next($nPlace)
        $country = $countries[$place]
        if ($InvalidEvery -gt 0 -and ($i % $InvalidEvery) -eq 0) { $country = 'Atlantis' }

        $tagCount = $random.Next(4)
        if ($tagCount -eq 0) {
            $tags = ''
        } else {
            $t = $tagChoices[$random.Next($nTag)]
            for ($k = 1; $k -lt $tagCount; $k++) { $t += ', ' + $tagChoices[$random.Next($nTag)] }
            $tags = '"' + $t + '"'
        }

        $writer.WriteLine(('{0},{1},user{2:000000}@example.com,{3},{4},{5},{6},{7},{8}' -f
            $firstNames[$random.Next($nFirst)], $lastNames[$random.Next($nLast)], $i, $phone,
            $companies[$random.Next($nCompany)], $cities[$place], $country, $tags, $sources[$random.Next($nSource)]))
    }
}
finally {
    $writer.Dispose()
}

Get-Item -LiteralPath $fullPath
