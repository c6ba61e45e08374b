<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>Saved digit {i} of {n} as {digit} (your %n sample(s)). Ctrl+Z takes it back.</source>
        <translation>
            <numerusform>Saved digit {i} of {n} as {digit} (your %n sample). Ctrl+Z takes it back.</numerusform>
            <numerusform>Saved digit {i} of {n} as {digit} (your %n samples). Ctrl+Z takes it back.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Kept digit {i} of {n} as a {digit}: your %n sample(s). Retrain with them: Ctrl+R.</source>
        <translation>
            <numerusform>Kept digit {i} of {n} as a {digit}: your %n sample. Retrain with them: Ctrl+R.</numerusform>
            <numerusform>Kept digit {i} of {n} as a {digit}: your %n samples. Retrain with them: Ctrl+R.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Saved as {digit} (your %n sample(s)). Ctrl+Z takes it back.</source>
        <translation>
            <numerusform>Saved as {digit} (your %n sample). Ctrl+Z takes it back.</numerusform>
            <numerusform>Saved as {digit} (your %n samples). Ctrl+Z takes it back.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Kept the drawing as a {digit}: your %n sample(s). Retrain with them: Ctrl+R.</source>
        <translation>
            <numerusform>Kept the drawing as a {digit}: your %n sample. Retrain with them: Ctrl+R.</numerusform>
            <numerusform>Kept the drawing as a {digit}: your %n samples. Retrain with them: Ctrl+R.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sample removed: your %n sample(s) remain.</source>
        <translation>
            <numerusform>Sample removed: your %n sample remains.</numerusform>
            <numerusform>Sample removed: your %n samples remain.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SamplesDialog</name>
    <message numerus="yes">
        <source>%n sample(s) in {folder}</source>
        <translation>
            <numerusform>%n sample in {folder}</numerusform>
            <numerusform>%n samples in {folder}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deleted %n sample(s). Ctrl+Z brings them back.</source>
        <translation>
            <numerusform>Deleted %n sample. Ctrl+Z brings it back.</numerusform>
            <numerusform>Deleted %n samples. Ctrl+Z brings them back.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Relabelled %n sample(s) as {digit}. Ctrl+Z takes it back.</source>
        <translation>
            <numerusform>Relabelled %n sample as {digit}. Ctrl+Z takes it back.</numerusform>
            <numerusform>Relabelled %n samples as {digit}. Ctrl+Z takes it back.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Brought back %n sample(s).</source>
        <translation>
            <numerusform>Brought back %n sample.</numerusform>
            <numerusform>Brought back %n samples.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Put back the labels of %n sample(s).</source>
        <translation>
            <numerusform>Put back the labels of %n sample.</numerusform>
            <numerusform>Put back the labels of %n samples.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n sample(s) to {folder}</source>
        <translation>
            <numerusform>Exported %n sample to {folder}</numerusform>
            <numerusform>Exported %n samples to {folder}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %n new sample(s) (those already here are skipped); {total} in all, {before} before.</source>
        <translation>
            <numerusform>Imported %n new sample (those already here are skipped); {total} in all, {before} before.</numerusform>
            <numerusform>Imported %n new samples (those already here are skipped); {total} in all, {before} before.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Tape</name>
    <message numerus="yes">
        <source>Corrected to {number}: kept %n sample(s) to learn from.</source>
        <translation>
            <numerusform>Corrected to {number}: kept %n sample to learn from.</numerusform>
            <numerusform>Corrected to {number}: kept %n samples to learn from.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Copied %n number(s).</source>
        <translation>
            <numerusform>Copied %n number.</numerusform>
            <numerusform>Copied %n numbers.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Empty the tape (%n number(s))? Save it as CSV first to keep them.</source>
        <translation>
            <numerusform>Empty the tape (%n number)? Save it as CSV first to keep them.</numerusform>
            <numerusform>Empty the tape (%n numbers)? Save it as CSV first to keep them.</numerusform>
        </translation>
    </message>
</context>
</TS>
