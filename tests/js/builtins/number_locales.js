// Separators, grouping (es, it, pt-PT, pl leave four digits ungrouped), minus signs and
// percent and currency affixes of common locales. Expected output from node 20.
for (const l of ['de-DE','fr-FR','sv-SE','nb-NO','fi-FI','pl-PL','ru-RU','cs-CZ','pt-PT','da-DK','es-ES','it-IT','nl-NL','pt-BR','tr-TR','id-ID','en-US','en-GB','ja-JP','de-CH'])
  console.log(l, JSON.stringify([1234.5, 12345.678, -1234567.891, -0.5, 999, 0].map(v => v.toLocaleString(l))), JSON.stringify((1234.5).toLocaleString(l, {style:'currency', currency:'EUR'})), JSON.stringify((0.256).toLocaleString(l, {style:'percent'})), JSON.stringify(new Intl.NumberFormat(l, { maximumFractionDigits: 1 }).format(98765.43)));
