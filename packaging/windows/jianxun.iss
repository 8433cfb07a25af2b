; Inno Setup script: a per-user install of the one-folder bundle (no administrator rights),
; with a Start-menu entry, an optional desktop shortcut, and an uninstaller.
; Build the bundle first (packaging/build.sh on Windows), then:  iscc packaging\windows\jianxun.iss

#define AppName "简讯编审台"
#define AppVersion "0.1.0"
#define AppExe "jianxun.exe"

[Setup]
AppId={{6B1F5E2A-3C8D-4E61-9A0B-7D2C4F8E1A35}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=四川省地方志工作办公室
DefaultDirName={localappdata}\Programs\jianxun
DefaultGroupName={#AppName}
PrivilegesRequired=lowest
OutputDir=..\..\dist
OutputBaseFilename=jianxun-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\jianxun.ico
UninstallDisplayIcon={app}\{#AppExe}
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ArchitecturesInstallIn64BitMode=x64compatible

[Languages]
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "..\..\dist\jianxun\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{group}\{#AppName} 自检"; Filename: "{app}\{#AppExe}"; Parameters: "--self-test"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{userdesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
