<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pt_BR">
<context>
    <name>App</name>
    <message>
        <source>The app could not start: {reason}</source>
        <extracomment>the interface languages (noc_desktop.language.LANGUAGES, which needs Qt to import)</extracomment>
        <translation>O aplicativo não pôde iniciar: {reason}</translation>
    </message>
</context>
<context>
    <name>BoolEditor</name>
    <message>
        <source>Not set</source>
        <translation>Não definido</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Sim</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Não</translation>
    </message>
</context>
<context>
    <name>BusyIndicator</name>
    <message>
        <source>Waiting for the server…</source>
        <translation>Aguardando o servidor…</translation>
    </message>
</context>
<context>
    <name>CanvasController</name>
    <message>
        <source>Add block</source>
        <extracomment>Quiet time after the last edit before the document is checked again. an edit was refused; the translated reason (the editor shows it in its status line) the problems shown on the blocks changed (local checks and the server&apos;s, combined) the document changed (any edit, undo or redo) refuse every edit (a viewer&apos;s editor): see ``FlowchartEditor.set_read_only``</extracomment>
        <translation>Adicionar bloco</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Conectar</translation>
    </message>
    <message>
        <source>Change edge</source>
        <translation>Alterar ligação</translation>
    </message>
    <message>
        <source>Delete edge</source>
        <translation>Excluir ligação</translation>
    </message>
    <message>
        <source>Move</source>
        <translation>Mover</translation>
    </message>
    <message>
        <source>Edit {field}</source>
        <translation>Editar {field}</translation>
    </message>
    <message>
        <source>Set as start</source>
        <translation>Definir como início</translation>
    </message>
    <message>
        <source>Auto-layout</source>
        <translation>Organizar automaticamente</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Excluir</translation>
    </message>
    <message>
        <source>Paste</source>
        <translation>Colar</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>Duplicar</translation>
    </message>
    <message>
        <source>Add note</source>
        <translation>Adicionar nota adesiva</translation>
    </message>
    <message>
        <source>Resize note</source>
        <translation>Redimensionar nota adesiva</translation>
    </message>
    <message>
        <source>Edit note</source>
        <translation>Editar nota adesiva</translation>
    </message>
</context>
<context>
    <name>CheckList</name>
    <message>
        <source>New name</source>
        <translation>Novo nome</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Adicionar</translation>
    </message>
</context>
<context>
    <name>ChoiceEditor</name>
    <message>
        <source>Not set</source>
        <translation>Não definido</translation>
    </message>
</context>
<context>
    <name>CompareDialog</name>
    <message>
        <source>Compare versions {old} and {new}</source>
        <translation>Comparar as versões {old} e {new}</translation>
    </message>
</context>
<context>
    <name>CompareView</name>
    <message>
        <source>Marked blocks: added (green), removed (red), changed (orange).</source>
        <translation>Blocos marcados: adicionados (verde), removidos (vermelho), alterados (laranja).</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <source>Saved by someone else</source>
        <extracomment>RELOAD, SAVE_ANYWAY or CANCEL</extracomment>
        <translation>Salvo por outra pessoa</translation>
    </message>
    <message>
        <source>{who} saved version {version} of this procedure at {when}, while you were editing version {base}.

Reload theirs to discard your changes, Compare to see both side by side, or Save mine anyway to save yours as version {next} on top of theirs.</source>
        <translation>{who} salvou a versão {version} deste procedimento em {when}, enquanto você editava a versão {base}.

Use Recarregar a outra para descartar suas alterações, Comparar para ver as duas lado a lado, ou Salvar a minha mesmo assim para salvar a sua como versão {next} por cima da outra.</translation>
    </message>
    <message>
        <source>Reload theirs</source>
        <translation>Recarregar a outra</translation>
    </message>
    <message>
        <source>Compare…</source>
        <translation>Comparar…</translation>
    </message>
    <message>
        <source>Save mine anyway</source>
        <translation>Salvar a minha mesmo assim</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Theirs: version {version} by {who}</source>
        <translation>A outra: versão {version}, de {who}</translation>
    </message>
    <message>
        <source>Mine: edited from version {base}, not saved</source>
        <translation>A minha: editada a partir da versão {base}, não salva</translation>
    </message>
</context>
<context>
    <name>ConnectionTestDialog</name>
    <message>
        <source>Connection test: {target}</source>
        <translation>Teste de conexão: {target}</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Host</translation>
    </message>
    <message>
        <source>Reachable</source>
        <translation>Acessível</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Testing through a node…</source>
        <translation>Testando por meio de um nó…</translation>
    </message>
    <message>
        <source>The test could not run: {reason}</source>
        <translation>Não foi possível executar o teste: {reason}</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>sim</translation>
    </message>
    <message>
        <source>no</source>
        <translation>não</translation>
    </message>
    <message>
        <source>{up} of {count} reachable (node {node})</source>
        <translation>{up} de {count} acessíveis (nó {node})</translation>
    </message>
</context>
<context>
    <name>CredentialDialog</name>
    <message>
        <source>Add credential</source>
        <translation>Adicionar credencial</translation>
    </message>
    <message>
        <source>SSH private key</source>
        <translation>Chave privada SSH</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Senha</translation>
    </message>
    <message>
        <source>Paste the private key, or load it from a file</source>
        <translation>Cole a chave privada ou carregue-a de um arquivo</translation>
    </message>
    <message>
        <source>Load from file…</source>
        <translation>Carregar de arquivo…</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Private key</source>
        <translation>Chave privada</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Frase secreta</translation>
    </message>
    <message>
        <source>Become password</source>
        <translation>Senha de become</translation>
    </message>
    <message>
        <source>Choose a private key</source>
        <translation>Escolha uma chave privada</translation>
    </message>
    <message>
        <source>Cannot read {path}: {reason}</source>
        <translation>Não foi possível ler {path}: {reason}</translation>
    </message>
    <message>
        <source>Key loaded from {file}</source>
        <translation>Chave carregada de {file}</translation>
    </message>
    <message>
        <source>Only an administrator may add credentials.</source>
        <translation>Somente um administrador pode adicionar credenciais.</translation>
    </message>
</context>
<context>
    <name>CredentialsPanel</name>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Fingerprint</source>
        <translation>Impressão digital</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Criada em</translation>
    </message>
    <message>
        <source>Add credential</source>
        <translation>Adicionar credencial</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Excluir</translation>
    </message>
    <message>
        <source>Only an administrator may add or delete credentials. Secrets are never shown.</source>
        <translation>Somente um administrador pode adicionar ou excluir credenciais. Os segredos nunca são exibidos.</translation>
    </message>
    <message>
        <source>Could not load the credentials: {reason}</source>
        <translation>Não foi possível carregar as credenciais: {reason}</translation>
    </message>
    <message>
        <source>SSH key</source>
        <translation>Chave SSH</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Senha</translation>
    </message>
    <message>
        <source>Credentials: {count}</source>
        <translation>Credenciais: {count}</translation>
    </message>
    <message>
        <source>Delete credential</source>
        <translation>Excluir credencial</translation>
    </message>
    <message>
        <source>Delete the credential {name}?</source>
        <translation>Excluir a credencial {name}?</translation>
    </message>
    <message>
        <source>Cannot delete {name}: {reason}</source>
        <translation>Não foi possível excluir {name}: {reason}</translation>
    </message>
</context>
<context>
    <name>DecisionForm</name>
    <message>
        <source>Decision</source>
        <translation>Decisão</translation>
    </message>
    <message>
        <source>Follows &apos;true&apos; when the condition holds, else &apos;false&apos;.</source>
        <translation>Segue por &apos;verdadeiro&apos; quando a condição é atendida; senão, por &apos;falso&apos;.</translation>
    </message>
    <message>
        <source>Condition</source>
        <translation>Condição</translation>
    </message>
    <message>
        <source>A Jinja2 expression, as in an Ansible &apos;when&apos;</source>
        <translation>Uma expressão Jinja2, como num &apos;when&apos; do Ansible</translation>
    </message>
</context>
<context>
    <name>EditorHeader</name>
    <message>
        <source>A name operators will recognise</source>
        <translation>Um nome que os operadores reconheçam</translation>
    </message>
    <message>
        <source>What it does and when to run it</source>
        <translation>O que ele faz e quando executá-lo</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Descrição</translation>
    </message>
    <message>
        <source>New procedure</source>
        <translation>Novo procedimento</translation>
    </message>
    <message>
        <source>{name} (version {version})</source>
        <translation>{name} (versão {version})</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>Sem título</translation>
    </message>
    <message>
        <source>Not saved yet</source>
        <translation>Ainda não salvo</translation>
    </message>
</context>
<context>
    <name>EndForm</name>
    <message>
        <source>End</source>
        <translation>Fim</translation>
    </message>
    <message>
        <source>The host&apos;s run ends here.</source>
        <translation>A execução do host termina aqui.</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Desfecho</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
</context>
<context>
    <name>EntityForm</name>
    <message>
        <source>(none)</source>
        <translation>(nenhuma)</translation>
    </message>
    <message>
        <source>Not allowed: {reason}</source>
        <translation>Não permitido: {reason}</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Salvando…</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>Cannot reach the server. Check its address and that it is running.</source>
        <translation>Não foi possível contactar o servidor. Verifique o endereço e se ele está em execução.</translation>
    </message>
    <message>
        <source>The server did not answer in time. Try again in a moment.</source>
        <translation>O servidor não respondeu a tempo. Tente novamente em instantes.</translation>
    </message>
    <message>
        <source>The server&apos;s answer is not one this app understands.</source>
        <translation>A resposta do servidor não é uma que este aplicativo entenda.</translation>
    </message>
    <message>
        <source>The session is closed.</source>
        <translation>A sessão está encerrada.</translation>
    </message>
    <message>
        <source>Your session has ended. Log in again.</source>
        <translation>Sua sessão terminou. Entre novamente.</translation>
    </message>
    <message>
        <source>Your role does not allow this.</source>
        <translation>Seu perfil não permite esta ação.</translation>
    </message>
    <message>
        <source>It no longer exists on the server (someone may have deleted it).</source>
        <translation>Isto não existe mais no servidor (alguém pode tê-lo excluído).</translation>
    </message>
    <message>
        <source>This conflicts with what is already on the server.</source>
        <translation>Isto conflita com o que já existe no servidor.</translation>
    </message>
    <message>
        <source>The server refused some values. Correct them and try again.</source>
        <translation>O servidor recusou alguns valores. Corrija-os e tente novamente.</translation>
    </message>
    <message>
        <source>Too many attempts. Wait a minute and try again.</source>
        <translation>Tentativas demais. Aguarde um minuto e tente novamente.</translation>
    </message>
    <message>
        <source>The server failed to handle the request. Try again later.</source>
        <translation>O servidor falhou ao tratar a solicitação. Tente novamente mais tarde.</translation>
    </message>
    <message>
        <source>The server refused the request.</source>
        <translation>O servidor recusou a solicitação.</translation>
    </message>
    <message>
        <source>Something went wrong.</source>
        <translation>Algo deu errado.</translation>
    </message>
    <message>
        <source>Some values are not valid.</source>
        <translation>Alguns valores não são válidos.</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Erro</translation>
    </message>
</context>
<context>
    <name>ExecutionHeader</name>
    <message>
        <source>Cancel execution…</source>
        <extracomment>the user confirmed they want the execution cancelled</extracomment>
        <translation>Cancelar execução…</translation>
    </message>
    <message>
        <source>Launched by</source>
        <translation>Iniciada por</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Alvo</translation>
    </message>
    <message>
        <source>Dry run</source>
        <translation>Simulação</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Início</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Término</translation>
    </message>
    <message>
        <source>Execution</source>
        <translation>Execução</translation>
    </message>
    <message>
        <source>{name} v{version}</source>
        <translation>{name} v{version}</translation>
    </message>
    <message>
        <source>(deleted procedure)</source>
        <translation>(procedimento excluído)</translation>
    </message>
    <message>
        <source>{count} {status}</source>
        <translation>{count} {status}</translation>
    </message>
    <message>
        <source>{total} hosts: {parts}</source>
        <translation>{total} hosts: {parts}</translation>
    </message>
    <message>
        <source>group {name}</source>
        <translation>grupo {name}</translation>
    </message>
    <message>
        <source>and {n} more</source>
        <translation>e mais {n}</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>sim</translation>
    </message>
    <message>
        <source>no</source>
        <translation>não</translation>
    </message>
    <message>
        <source>Cancel execution</source>
        <translation>Cancelar execução</translation>
    </message>
    <message>
        <source>Stop every host of this execution? Running steps are killed and pending ones never start.</source>
        <translation>Interromper todos os hosts desta execução? Os passos em andamento são encerrados e os pendentes não serão iniciados.</translation>
    </message>
</context>
<context>
    <name>ExecutionView</name>
    <message>
        <source>All statuses</source>
        <extracomment>the view applied a batch of events (how many), or loaded its snapshot (0) the replay being built behind the snapshot, and the snapshot&apos;s progress to reach</extracomment>
        <translation>Todos os status</translation>
    </message>
    <message>
        <source>Hosts</source>
        <translation>Hosts</translation>
    </message>
    <message>
        <source>Steps and output</source>
        <translation>Passos e saída</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Linha do tempo</translation>
    </message>
</context>
<context>
    <name>ExecutionsModel</name>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Procedure</source>
        <translation>Procedimento</translation>
    </message>
    <message>
        <source>Hosts</source>
        <translation>Hosts</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Início</translation>
    </message>
    <message>
        <source>Finished (duration)</source>
        <translation>Término (duração)</translation>
    </message>
    <message>
        <source>Launched by</source>
        <translation>Iniciada por</translation>
    </message>
</context>
<context>
    <name>ExecutionsPage</name>
    <message>
        <source>Any status</source>
        <translation>Qualquer status</translation>
    </message>
    <message>
        <source>Any procedure</source>
        <translation>Qualquer procedimento</translation>
    </message>
    <message>
        <source>any time</source>
        <translation>qualquer data</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Atualizar</translation>
    </message>
    <message>
        <source>Executions</source>
        <translation>Execuções</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Procedure</source>
        <translation>Procedimento</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Desde</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>Até</translation>
    </message>
    <message>
        <source>Clear by choosing the earliest date</source>
        <translation>Para limpar, escolha a data mais antiga</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>Name (web* or part of it)</source>
        <extracomment>the filters changed and settled: name glob (or &quot;&quot;), group (or &quot;&quot;), var items</extracomment>
        <translation>Nome (web* ou parte dele)</translation>
    </message>
    <message>
        <source>All groups</source>
        <translation>Todos os grupos</translation>
    </message>
    <message>
        <source>Vars: key=value …</source>
        <translation>Variáveis: chave=valor …</translation>
    </message>
    <message>
        <source>Filter:</source>
        <translation>Filtro:</translation>
    </message>
    <message>
        <source>not key=value: {item}</source>
        <translation>não está no formato chave=valor: {item}</translation>
    </message>
</context>
<context>
    <name>Flowchart</name>
    <message>
        <source>M</source>
        <comment>monitoring task</comment>
        <translation>M</translation>
    </message>
    <message>
        <source>A</source>
        <comment>action task</comment>
        <translation>A</translation>
    </message>
    <message>
        <source>N</source>
        <comment>notification task</comment>
        <translation>N</translation>
    </message>
    <message>
        <source>monitoring</source>
        <translation>monitoramento</translation>
    </message>
    <message>
        <source>action</source>
        <translation>ação</translation>
    </message>
    <message>
        <source>notification</source>
        <translation>notificação</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>tipo desconhecido</translation>
    </message>
    <message>
        <source>success</source>
        <translation>sucesso</translation>
    </message>
    <message>
        <source>failure</source>
        <translation>falha</translation>
    </message>
    <message>
        <source>true</source>
        <translation>verdadeiro</translation>
    </message>
    <message>
        <source>false</source>
        <translation>falso</translation>
    </message>
    <message>
        <source>body</source>
        <translation>corpo</translation>
    </message>
    <message>
        <source>done</source>
        <translation>concluído</translation>
    </message>
    <message>
        <source>next</source>
        <translation>próximo</translation>
    </message>
    <message>
        <source>{n} min</source>
        <translation>{n} min</translation>
    </message>
    <message>
        <source>{n} s</source>
        <translation>{n} s</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Início</translation>
    </message>
    <message>
        <source>Block {id}</source>
        <translation>Bloco {id}</translation>
    </message>
    <message>
        <source>{ident}: {kind} task {task}</source>
        <translation>{ident}: tarefa {task} ({kind})</translation>
    </message>
    <message>
        <source>{ident}: if {condition}</source>
        <translation>{ident}: se {condition}</translation>
    </message>
    <message>
        <source>{ident}: loop, at most {n} times</source>
        <translation>{ident}: repetição, no máximo {n} vezes</translation>
    </message>
    <message>
        <source>{tip}, while {condition}</source>
        <translation>{tip}, enquanto {condition}</translation>
    </message>
    <message>
        <source>at most {n} times</source>
        <translation>no máximo {n} vezes</translation>
    </message>
    <message>
        <source>wait {time}</source>
        <translation>esperar {time}</translation>
    </message>
    <message>
        <source>{ident}: wait {time}</source>
        <translation>{ident}: esperar {time}</translation>
    </message>
    <message>
        <source>ends failed</source>
        <translation>termina com falha</translation>
    </message>
    <message>
        <source>ends well</source>
        <translation>termina com sucesso</translation>
    </message>
    <message>
        <source>{ident}: the host&apos;s run {result}</source>
        <translation>{ident}: a execução do host {result}</translation>
    </message>
    <message>
        <source>added</source>
        <extracomment>a block was clicked (its node id) the user finished editing a note&apos;s text: (note id, text) the blocks edges route around: one list shared by every edge, changed in place</extracomment>
        <translation>adicionado</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>removido</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>alterado</translation>
    </message>
</context>
<context>
    <name>FlowchartEditor</name>
    <message>
        <source>Select two blocks to connect: the source first.</source>
        <extracomment>the selected blocks&apos; ids, in the order they were selected the task types the palette shows (the server&apos;s once loaded)</extracomment>
        <translation>Selecione dois blocos para conectar: primeiro o de origem.</translation>
    </message>
    <message>
        <source>Undo</source>
        <extracomment>the actions that change the procedure: disabled in a read-only editor (a viewer&apos;s)</extracomment>
        <translation>Desfazer</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Refazer</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Excluir</translation>
    </message>
    <message>
        <source>Cut</source>
        <translation>Recortar</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copiar</translation>
    </message>
    <message>
        <source>Paste</source>
        <translation>Colar</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>Duplicar</translation>
    </message>
    <message>
        <source>Select all</source>
        <translation>Selecionar tudo</translation>
    </message>
    <message>
        <source>Connect selected blocks</source>
        <translation>Conectar os blocos selecionados</translation>
    </message>
    <message>
        <source>Set as start</source>
        <translation>Definir como início</translation>
    </message>
    <message>
        <source>Add note</source>
        <translation>Adicionar nota adesiva</translation>
    </message>
    <message>
        <source>Auto-layout</source>
        <translation>Organizar automaticamente</translation>
    </message>
    <message>
        <source>Fit to window</source>
        <translation>Ajustar à janela</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Aumentar zoom</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Diminuir zoom</translation>
    </message>
    <message>
        <source>Find a block to add</source>
        <translation>Buscar um bloco para adicionar</translation>
    </message>
    <message>
        <source>Insert the palette&apos;s block</source>
        <translation>Inserir o bloco da paleta</translation>
    </message>
    <message>
        <source>{action} ({keys})</source>
        <translation>{action} ({keys})</translation>
    </message>
    <message>
        <source>Way out</source>
        <translation>Saída</translation>
    </message>
    <message>
        <source>Delete edge</source>
        <translation>Excluir ligação</translation>
    </message>
    <message>
        <source>Yellow</source>
        <translation>Amarelo</translation>
    </message>
    <message>
        <source>Green</source>
        <translation>Verde</translation>
    </message>
    <message>
        <source>Blue</source>
        <translation>Azul</translation>
    </message>
    <message>
        <source>Pink</source>
        <translation>Rosa</translation>
    </message>
    <message>
        <source>Grey</source>
        <translation>Cinza</translation>
    </message>
    <message>
        <source>Edit text</source>
        <translation>Editar texto</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>Cor</translation>
    </message>
    <message>
        <source>Delete note</source>
        <translation>Excluir nota adesiva</translation>
    </message>
    <message>
        <source>Add note here</source>
        <translation>Adicionar nota adesiva aqui</translation>
    </message>
    <message>
        <source>Paste here</source>
        <translation>Colar aqui</translation>
    </message>
</context>
<context>
    <name>FormErrors</name>
    <message>
        <source>Fix the fields marked in red.</source>
        <translation>Corrija os campos marcados em vermelho.</translation>
    </message>
</context>
<context>
    <name>GroupDialog</name>
    <message>
        <source>Add group</source>
        <translation>Adicionar grupo</translation>
    </message>
    <message>
        <source>Edit group {name}</source>
        <translation>Editar grupo {name}</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="vanished">(nenhuma)</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Child groups</source>
        <translation>Grupos filhos</translation>
    </message>
    <message>
        <source>Credential</source>
        <translation>Credencial</translation>
    </message>
    <message>
        <source>Variables</source>
        <translation>Variáveis</translation>
    </message>
    <message>
        <source>Not allowed: {reason}</source>
        <translation type="vanished">Não permitido: {reason}</translation>
    </message>
</context>
<context>
    <name>GroupsTree</name>
    <message>
        <source>Group</source>
        <extracomment>a group was selected (its name), or &quot;All hosts&quot; (&quot;&quot;)</extracomment>
        <translation>Grupo</translation>
    </message>
    <message>
        <source>Hosts</source>
        <translation>Hosts</translation>
    </message>
    <message>
        <source>Nested</source>
        <translation>Aninhados</translation>
    </message>
    <message>
        <source>All hosts</source>
        <translation>Todos os hosts</translation>
    </message>
    <message>
        <source>{direct} hosts directly, {total} with nested groups</source>
        <translation>{direct} hosts diretamente, {total} com os grupos aninhados</translation>
    </message>
</context>
<context>
    <name>HostDialog</name>
    <message>
        <source>Add host</source>
        <translation>Adicionar host</translation>
    </message>
    <message>
        <source>Edit host {name}</source>
        <translation>Editar host {name}</translation>
    </message>
    <message>
        <source>as configured on the node</source>
        <translation>conforme configurado no nó</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="vanished">(nenhuma)</translation>
    </message>
    <message>
        <source>Run procedures on this host</source>
        <translation>Executar procedimentos neste host</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Endereço</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Porta</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Usuário</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Conexão</translation>
    </message>
    <message>
        <source>Groups</source>
        <translation>Grupos</translation>
    </message>
    <message>
        <source>Credential</source>
        <translation>Credencial</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>Habilitado</translation>
    </message>
    <message>
        <source>Variables</source>
        <translation>Variáveis</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation type="vanished">Salvando…</translation>
    </message>
    <message>
        <source>Not allowed: {reason}</source>
        <translation type="vanished">Não permitido: {reason}</translation>
    </message>
</context>
<context>
    <name>HostForm</name>
    <message>
        <source>Inventory host</source>
        <translation>Host do inventário</translation>
    </message>
    <message>
        <source>Described here</source>
        <translation>Descrito aqui</translation>
    </message>
    <message>
        <source>Type to search hosts</source>
        <translation>Digite para buscar hosts</translation>
    </message>
    <message>
        <source>web1</source>
        <translation>web1</translation>
    </message>
    <message>
        <source>web, rio (comma separated)</source>
        <translation>web, rio (separados por vírgula)</translation>
    </message>
    <message>
        <source>{&quot;service&quot;: &quot;nginx&quot;}</source>
        <translation type="vanished">{&quot;service&quot;: &quot;nginx&quot;}</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Groups</source>
        <translation>Grupos</translation>
    </message>
    <message>
        <source>Vars</source>
        <translation>Variáveis</translation>
    </message>
</context>
<context>
    <name>HostsModel</name>
    <message>
        <source>Name</source>
        <extracomment>the columns the server can sort by (``GET /hosts?sort=``) a page could not be loaded (the sentence to show) a page arrived (rows loaded so far, the server&apos;s total)</extracomment>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Endereço</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Porta</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Usuário</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Conexão</translation>
    </message>
    <message>
        <source>Groups</source>
        <translation>Grupos</translation>
    </message>
    <message>
        <source>Credential</source>
        <translation>Credencial</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>Habilitado</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Host</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Current step</source>
        <translation>Passo atual</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Passos</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Duração</translation>
    </message>
</context>
<context>
    <name>HostsPanel</name>
    <message>
        <source>Add host</source>
        <translation>Adicionar host</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Editar</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Excluir</translation>
    </message>
    <message>
        <source>Add group</source>
        <translation>Adicionar grupo</translation>
    </message>
    <message>
        <source>Edit group</source>
        <translation>Editar grupo</translation>
    </message>
    <message>
        <source>Delete group</source>
        <translation>Excluir grupo</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Testar conexão</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>Importar…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportar…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Atualizar</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Carregando…</translation>
    </message>
    <message>
        <source>Could not load the groups: {reason}</source>
        <translation>Não foi possível carregar os grupos: {reason}</translation>
    </message>
    <message>
        <source>{loaded} of {total} hosts loaded</source>
        <translation>{loaded} de {total} hosts carregados</translation>
    </message>
    <message>
        <source>Could not load hosts: {reason}</source>
        <translation>Não foi possível carregar os hosts: {reason}</translation>
    </message>
    <message>
        <source>View</source>
        <translation>Visualizar</translation>
    </message>
    <message>
        <source>View group</source>
        <translation>Visualizar grupo</translation>
    </message>
    <message>
        <source>Delete host</source>
        <translation>Excluir host</translation>
    </message>
    <message>
        <source>Delete the host {name}? This cannot be undone.</source>
        <translation>Excluir o host {name}? Isto não pode ser desfeito.</translation>
    </message>
    <message>
        <source>Delete the group {name}? Its hosts stay, without this group.</source>
        <translation>Excluir o grupo {name}? Seus hosts permanecem, sem este grupo.</translation>
    </message>
    <message>
        <source>Export the inventory</source>
        <translation>Exportar o inventário</translation>
    </message>
    <message>
        <source>Ansible INI (*.ini);;Ansible YAML (*.yml *.yaml)</source>
        <translation>INI do Ansible (*.ini);;YAML do Ansible (*.yml *.yaml)</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportar</translation>
    </message>
    <message>
        <source>Could not export: {reason}</source>
        <translation>Não foi possível exportar: {reason}</translation>
    </message>
    <message>
        <source>Exported to {path}</source>
        <translation>Exportado para {path}</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import an Ansible inventory</source>
        <extracomment>the import was applied (the server&apos;s plan, ``applied`` true) the (content, format) the plan on screen was made from</extracomment>
        <translation>Importar um inventário do Ansible</translation>
    </message>
    <message>
        <source>No file chosen</source>
        <translation>Nenhum arquivo escolhido</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>Escolher arquivo…</translation>
    </message>
    <message>
        <source>INI</source>
        <translation>INI</translation>
    </message>
    <message>
        <source>YAML</source>
        <translation>YAML</translation>
    </message>
    <message>
        <source>What the import does</source>
        <translation>O que a importação fará</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Aplicar</translation>
    </message>
    <message>
        <source>Choose an inventory</source>
        <translation>Escolha um inventário</translation>
    </message>
    <message>
        <source>Ansible inventories (*.ini *.yml *.yaml *.cfg *.txt);;All files (*)</source>
        <translation>Inventários do Ansible (*.ini *.yml *.yaml *.cfg *.txt);;Todos os arquivos (*)</translation>
    </message>
    <message>
        <source>Cannot read {path}: {reason}</source>
        <translation>Não foi possível ler {path}: {reason}</translation>
    </message>
    <message>
        <source>Checking what the import would do…</source>
        <translation>Verificando o que a importação faria…</translation>
    </message>
    <message>
        <source>Refused values ({count})</source>
        <translation>Valores recusados ({count})</translation>
    </message>
    <message>
        <source>Hosts to create ({count})</source>
        <translation>Hosts a criar ({count})</translation>
    </message>
    <message>
        <source>Hosts to change ({count})</source>
        <translation>Hosts a alterar ({count})</translation>
    </message>
    <message>
        <source>Groups to create ({count})</source>
        <translation>Grupos a criar ({count})</translation>
    </message>
    <message>
        <source>Groups to change ({count})</source>
        <translation>Grupos a alterar ({count})</translation>
    </message>
    <message>
        <source>Hosts unchanged: {count}</source>
        <translation>Hosts sem alteração: {count}</translation>
    </message>
    <message>
        <source>Groups unchanged: {count}</source>
        <translation>Grupos sem alteração: {count}</translation>
    </message>
    <message>
        <source>Fix the refused values in the file: nothing is imported while any is refused.</source>
        <translation>Corrija os valores recusados no arquivo: nada é importado enquanto houver algum recusado.</translation>
    </message>
    <message>
        <source>The inventory already matches this file.</source>
        <translation>O inventário já corresponde a este arquivo.</translation>
    </message>
    <message>
        <source>Review the changes, then Apply.</source>
        <translation>Revise as alterações e clique em Aplicar.</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>Importando…</translation>
    </message>
</context>
<context>
    <name>InventoryPage</name>
    <message>
        <source>Hosts</source>
        <translation>Hosts</translation>
    </message>
    <message>
        <source>Credentials</source>
        <translation>Credenciais</translation>
    </message>
</context>
<context>
    <name>KeyValueEditor</name>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valor</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Adicionar</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remover</translation>
    </message>
</context>
<context>
    <name>ListEditor</name>
    <message>
        <source>One entry per line</source>
        <extracomment>the user changed the value</extracomment>
        <translation>Uma entrada por linha</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Log in again</source>
        <translation>Entrar novamente</translation>
    </message>
    <message>
        <source>Log in to NOC Orchestrator</source>
        <translation>Entrar no NOC Orchestrator</translation>
    </message>
    <message>
        <source>Your session has ended. Enter your password to carry on where you were.</source>
        <translation>Sua sessão terminou. Digite sua senha para continuar de onde parou.</translation>
    </message>
    <message>
        <source>Connect to a NOC Orchestrator server.</source>
        <translation>Conecte-se a um servidor do NOC Orchestrator.</translation>
    </message>
    <message>
        <source>e.g. http://noc.example.com:8700</source>
        <translation>ex.: http://noc.exemplo.com.br:8700</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Nome de usuário</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Senha</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>Servidor:</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>Usuário:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Senha:</translation>
    </message>
    <message>
        <source>No system keyring is available: you will be asked to log in again next time.</source>
        <translation>Nenhum chaveiro do sistema disponível: será preciso entrar novamente na próxima vez.</translation>
    </message>
    <message>
        <source>This address is not encrypted (http://): your password and your session travel readable over the network. Use https:// unless the network is trusted.</source>
        <translation>Este endereço não é criptografado (http://): sua senha e sua sessão trafegam legíveis pela rede. Use https://, a menos que a rede seja confiável.</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>Entrar</translation>
    </message>
    <message>
        <source>This is not a server address. Use http://host:port or https://host:port.</source>
        <translation>Isto não é um endereço de servidor. Use http://host:porta ou https://host:porta.</translation>
    </message>
    <message>
        <source>Enter your user name and password.</source>
        <translation>Digite seu nome de usuário e senha.</translation>
    </message>
    <message>
        <source>Login cancelled.</source>
        <translation>Login cancelado.</translation>
    </message>
</context>
<context>
    <name>LoginMessages</name>
    <message>
        <source>Wrong user name or password.</source>
        <translation>Nome de usuário ou senha incorretos.</translation>
    </message>
    <message>
        <source>Too many failed attempts. Wait a few minutes and try again.</source>
        <translation>Tentativas com falha demais. Aguarde alguns minutos e tente novamente.</translation>
    </message>
    <message>
        <source>Cannot reach a server at {url}. Check the address and that the server is running.</source>
        <translation>Não foi possível contactar um servidor em {url}. Verifique o endereço e se o servidor está em execução.</translation>
    </message>
    <message>
        <source>The server at {url} did not answer in time. Try again in a moment.</source>
        <translation>O servidor em {url} não respondeu a tempo. Tente novamente em instantes.</translation>
    </message>
    <message>
        <source>The server at {url} does not answer like a NOC Orchestrator server. Check the address.</source>
        <translation>O servidor em {url} não responde como um servidor do NOC Orchestrator. Verifique o endereço.</translation>
    </message>
    <message>
        <source>This account may not log in (it may be disabled).</source>
        <translation>Esta conta não pode entrar (talvez esteja desativada).</translation>
    </message>
</context>
<context>
    <name>LoopForm</name>
    <message>
        <source>Loop</source>
        <translation>Repetição</translation>
    </message>
    <message>
        <source>Follows &apos;body&apos; while it may run again, then &apos;done&apos;.</source>
        <translation>Segue por &apos;corpo&apos; enquanto puder repetir; depois, por &apos;concluído&apos;.</translation>
    </message>
    <message>
        <source>Repeat</source>
        <translation>Repetir</translation>
    </message>
    <message>
        <source>At most</source>
        <translation>No máximo</translation>
    </message>
    <message>
        <source> times</source>
        <translation> vezes</translation>
    </message>
    <message>
        <source>Every loop is bounded: the body runs at most this many times</source>
        <translation>Toda repetição tem limite: o corpo é executado no máximo esta quantidade de vezes</translation>
    </message>
    <message>
        <source>always</source>
        <translation>sempre</translation>
    </message>
    <message>
        <source>While</source>
        <translation>Enquanto</translation>
    </message>
    <message>
        <source>An expression checked before each entry; empty: always</source>
        <translation>Uma expressão verificada antes de cada entrada; vazia: sempre</translation>
    </message>
    <message>
        <source>For each of</source>
        <translation>Para cada item de</translation>
    </message>
    <message>
        <source>A JSON list or a template giving one; each entry is loop.&lt;id&gt;.item</source>
        <translation>Uma lista JSON ou um template que gere uma; cada entrada é loop.&lt;id&gt;.item</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>NOC Orchestrator</source>
        <translation>NOC Orchestrator</translation>
    </message>
    <message>
        <source>Inventory</source>
        <translation>Inventário</translation>
    </message>
    <message>
        <source>Procedures</source>
        <translation>Procedimentos</translation>
    </message>
    <message>
        <source>Schedules</source>
        <translation>Agendamentos</translation>
    </message>
    <message>
        <source>Executions</source>
        <translation>Execuções</translation>
    </message>
    <message>
        <source>Nodes</source>
        <translation>Nós</translation>
    </message>
    <message>
        <source>administrator</source>
        <translation>administrador</translation>
    </message>
    <message>
        <source>operator</source>
        <translation>operador</translation>
    </message>
    <message>
        <source>viewer</source>
        <translation>leitor</translation>
    </message>
    <message>
        <source>Server: {url}</source>
        <translation>Servidor: {url}</translation>
    </message>
    <message>
        <source>User: {name} ({role})</source>
        <translation>Usuário: {name} ({role})</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Arquivo</translation>
    </message>
    <message>
        <source>Log &amp;out</source>
        <translation>&amp;Sair da conta</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Fechar</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Exibir</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Idioma</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Aj&amp;uda</translation>
    </message>
    <message>
        <source>&amp;About NOC Orchestrator</source>
        <translation>&amp;Sobre o NOC Orchestrator</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>The new language is used the next time NOC Orchestrator starts.</source>
        <translation>O novo idioma será usado na próxima vez que o NOC Orchestrator for iniciado.</translation>
    </message>
    <message>
        <source>About NOC Orchestrator</source>
        <translation>Sobre o NOC Orchestrator</translation>
    </message>
    <message>
        <source>NOC Orchestrator desktop {version}

Draw procedures, keep the inventory, run and schedule procedures and watch them live.</source>
        <translation>NOC Orchestrator desktop {version}

Desenhe procedimentos, mantenha o inventário, execute e agende procedimentos e acompanhe-os ao vivo.</translation>
    </message>
</context>
<context>
    <name>Minimap</name>
    <message>
        <source>Overview: click or drag to move the view</source>
        <translation>Visão geral: clique ou arraste para mover a visualização</translation>
    </message>
</context>
<context>
    <name>NamesButton</name>
    <message>
        <source>Insert a name from the context as a template: the value is computed when the task runs</source>
        <extracomment>a name was put into the edit (programmatically: the edit does not say so itself) the user chose a name (its text as it goes into an expression)</extracomment>
        <translation>Inserir um nome do contexto como template: o valor é calculado quando a tarefa é executada</translation>
    </message>
    <message>
        <source>Names</source>
        <translation>Nomes</translation>
    </message>
    <message>
        <source>Names you can use in this expression</source>
        <translation>Nomes que você pode usar nesta expressão</translation>
    </message>
</context>
<context>
    <name>NodeDialog</name>
    <message>
        <source>Edit node {name}</source>
        <translation>Editar nó {name}</translation>
    </message>
    <message>
        <source>site=rio, zone=dmz</source>
        <translation>site=rio, zone=dmz</translation>
    </message>
    <message>
        <source>How many tasks it is given at once (its heartbeat may report less).</source>
        <translation>Quantas tarefas ele recebe ao mesmo tempo (o heartbeat dele pode informar menos).</translation>
    </message>
    <message>
        <source>Labels are key=value pairs separated by commas; leave it empty for none.</source>
        <translation>Rótulos são pares chave=valor separados por vírgulas; deixe vazio para nenhum.</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>Rótulos</translation>
    </message>
    <message>
        <source>Capacity</source>
        <translation>Capacidade</translation>
    </message>
</context>
<context>
    <name>NodeForm</name>
    <message>
        <source>Block</source>
        <extracomment>base-class strings keep their own context (``self.tr`` would look under the subclass&apos;s) the user changed a field: its path (``label``, ``params.url``, ``while``) and the new value (None for a param: leave it out of the params)</extracomment>
        <translation>Bloco</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>Id</translation>
    </message>
    <message>
        <source>Unique in the procedure; expressions name the block by it (steps.&lt;id&gt;, loop.&lt;id&gt;)</source>
        <translation>Único no procedimento; as expressões se referem ao bloco por ele (steps.&lt;id&gt;, loop.&lt;id&gt;)</translation>
    </message>
    <message>
        <source>Shown instead of the id</source>
        <translation>Exibido no lugar do id</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Rótulo</translation>
    </message>
    <message>
        <source>Required.</source>
        <translation>Obrigatório.</translation>
    </message>
</context>
<context>
    <name>NodesModel</name>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>Saúde</translation>
    </message>
    <message>
        <source>New work</source>
        <translation>Novas tarefas</translation>
    </message>
    <message>
        <source>Running / capacity</source>
        <translation>Em execução / capacidade</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Fila</translation>
    </message>
    <message>
        <source>Load (1 min)</source>
        <translation>Carga (1 min)</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>Visto por último</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Endereço</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>Rótulos</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>aceitas</translation>
    </message>
    <message>
        <source>draining</source>
        <translation>drenando</translation>
    </message>
    <message>
        <source>none (down)</source>
        <translation>nenhuma (fora do ar)</translation>
    </message>
    <message>
        <source>heartbeats arrive</source>
        <translation>os heartbeats chegam</translation>
    </message>
    <message>
        <source>a heartbeat is overdue; still given work</source>
        <translation>um heartbeat está atrasado; ainda recebe tarefas</translation>
    </message>
    <message>
        <source>no heartbeat for too long; given no work</source>
        <translation>sem heartbeat há tempo demais; não recebe tarefas</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nunca</translation>
    </message>
    <message>
        <source>{n} s ago</source>
        <translation>há {n} s</translation>
    </message>
    <message>
        <source>{n} min ago</source>
        <translation>há {n} min</translation>
    </message>
    <message>
        <source>{n} h ago</source>
        <translation>há {n} h</translation>
    </message>
    <message>
        <source>{n} days ago</source>
        <translation>há {n} dias</translation>
    </message>
    <message>
        <source>It finishes what it runs and takes nothing new.</source>
        <translation>Ele termina o que está executando e não aceita nada novo.</translation>
    </message>
</context>
<context>
    <name>NodesPage</name>
    <message>
        <source>Refresh</source>
        <translation>Atualizar</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Editar…</translation>
    </message>
    <message>
        <source>Drain</source>
        <translation>Drenar</translation>
    </message>
    <message>
        <source>Remove…</source>
        <translation>Remover…</translation>
    </message>
    <message>
        <source>Only an administrator may change nodes.</source>
        <translation>Somente um administrador pode alterar os nós.</translation>
    </message>
    <message>
        <source>No node is registered yet (noc-scheduler nodes add, on the scheduler&apos;s machine).</source>
        <translation>Nenhum nó registrado ainda (noc-scheduler nodes add, na máquina do agendador).</translation>
    </message>
    <message>
        <source>Nodes: {count} (up: {up}, late: {late}, down: {down})</source>
        <translation>Nós: {count} (no ar: {up}, atrasados: {late}, fora do ar: {down})</translation>
    </message>
    <message>
        <source>Removed {name}; steps it had in hand, now ended lost: {count}.</source>
        <translation>{name} removido; passos que ele tinha em mãos, agora perdidos: {count}.</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Retomar</translation>
    </message>
    <message>
        <source>Give the node work again.</source>
        <translation>Voltar a dar tarefas ao nó.</translation>
    </message>
    <message>
        <source>The node finishes what it runs and takes nothing new.</source>
        <translation>O nó termina o que está executando e não aceita nada novo.</translation>
    </message>
    <message>
        <source>Remove node</source>
        <translation>Remover nó</translation>
    </message>
    <message>
        <source>Remove the node {name} from the registry? Every step it still has in hand ends lost (it last reported {running} running, {queued} queued), and it is given no work until it is added again.</source>
        <translation>Remover o nó {name} do registro? Todo passo que ele ainda tem em mãos termina como perdido (no último relato: {running} em execução, {queued} na fila), e ele não recebe tarefas até ser adicionado de novo.</translation>
    </message>
</context>
<context>
    <name>OutcomesModel</name>
    <message>
        <source>Task</source>
        <translation>Tarefa</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>Visita</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Details (JSON: rc, stdout, facts, …)</source>
        <translation>Detalhes (JSON: rc, stdout, facts, …)</translation>
    </message>
    <message>
        <source>For example {&quot;rc&quot;: 1, &quot;stdout&quot;: &quot;…&quot;, &quot;facts&quot;: {&quot;free&quot;: 12}}</source>
        <translation>Por exemplo, {&quot;rc&quot;: 1, &quot;stdout&quot;: &quot;…&quot;, &quot;facts&quot;: {&quot;free&quot;: 12}}</translation>
    </message>
</context>
<context>
    <name>OutcomesTable</name>
    <message>
        <source>Add visit</source>
        <translation>Adicionar visita</translation>
    </message>
    <message>
        <source>Script one more visit or attempt of this task</source>
        <translation>Roteirizar mais uma visita ou tentativa desta tarefa</translation>
    </message>
    <message>
        <source>Remove visit</source>
        <translation>Remover visita</translation>
    </message>
</context>
<context>
    <name>Palette</name>
    <message>
        <source>Search blocks (Ctrl+K)</source>
        <extracomment>the task types shown (the server&apos;s once loaded): for the properties panel and colours</extracomment>
        <translation>Buscar blocos (Ctrl+K)</translation>
    </message>
    <message>
        <source>Drag a block onto the canvas, or press Enter to add it where the mouse is.</source>
        <translation>Arraste um bloco para a área de desenho ou pressione Enter para adicioná-lo onde está o mouse.</translation>
    </message>
    <message>
        <source>Flow</source>
        <translation>Fluxo</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Decisão</translation>
    </message>
    <message>
        <source>Two ways out: true or false</source>
        <translation>Duas saídas: verdadeiro ou falso</translation>
    </message>
    <message>
        <source>Loop</source>
        <translation>Repetição</translation>
    </message>
    <message>
        <source>Repeat a body a bounded number of times</source>
        <translation>Repete um corpo um número limitado de vezes</translation>
    </message>
    <message>
        <source>Wait</source>
        <translation>Espera</translation>
    </message>
    <message>
        <source>Pause for some seconds</source>
        <translation>Pausa por alguns segundos</translation>
    </message>
    <message>
        <source>End</source>
        <translation>Fim</translation>
    </message>
    <message>
        <source>The host&apos;s run ends here</source>
        <translation>A execução do host termina aqui</translation>
    </message>
    <message>
        <source>Monitoring</source>
        <translation>Monitoramento</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Ação</translation>
    </message>
    <message>
        <source>Notification</source>
        <translation>Notificação</translation>
    </message>
</context>
<context>
    <name>PlaceholderPage</name>
    <message>
        <source>This screen is not available in this version yet.</source>
        <translation>Esta tela ainda não está disponível nesta versão.</translation>
    </message>
</context>
<context>
    <name>ProblemsList</name>
    <message>
        <source>No problems: the procedure can be saved.</source>
        <translation>Nenhum problema: o procedimento pode ser salvo.</translation>
    </message>
</context>
<context>
    <name>ProcedureDiff</name>
    <message>
        <source>{names} and {count} more</source>
        <translation>{names} e mais {count}</translation>
    </message>
    <message>
        <source>name</source>
        <translation>nome</translation>
    </message>
    <message>
        <source>description</source>
        <translation>descrição</translation>
    </message>
    <message>
        <source>start block</source>
        <translation>bloco inicial</translation>
    </message>
    <message>
        <source>command permission</source>
        <translation>permissão de comando</translation>
    </message>
    <message>
        <source>Blocks added: {names}</source>
        <translation>Blocos adicionados: {names}</translation>
    </message>
    <message>
        <source>Blocks removed: {names}</source>
        <translation>Blocos removidos: {names}</translation>
    </message>
    <message>
        <source>Blocks changed: {names}</source>
        <translation>Blocos alterados: {names}</translation>
    </message>
    <message>
        <source>Blocks moved: {names}</source>
        <translation>Blocos movidos: {names}</translation>
    </message>
    <message>
        <source>Edges added: {names}</source>
        <translation>Ligações adicionadas: {names}</translation>
    </message>
    <message>
        <source>Edges removed: {names}</source>
        <translation>Ligações removidas: {names}</translation>
    </message>
    <message>
        <source>Notes added, removed or changed: {names}</source>
        <translation>Notas adesivas adicionadas, removidas ou alteradas: {names}</translation>
    </message>
    <message>
        <source>Also changed: {names}</source>
        <translation>Também alterado: {names}</translation>
    </message>
    <message>
        <source>The two versions are the same.</source>
        <translation>As duas versões são iguais.</translation>
    </message>
</context>
<context>
    <name>ProcedureEditor</name>
    <message>
        <source>Properties</source>
        <extracomment>quiet time after an edit before the simulator is given the procedure&apos;s tasks unsaved changes appeared or went away a version was saved (its ProcedurePublic) or the procedure deleted (None)</extracomment>
        <translation>Propriedades</translation>
    </message>
    <message>
        <source>Simulator</source>
        <translation>Simulador</translation>
    </message>
    <message>
        <source>Versions</source>
        <translation>Versões</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Problemas</translation>
    </message>
    <message>
        <source>Edit the procedure&apos;s {field}</source>
        <translation>Editar {field} do procedimento</translation>
    </message>
    <message>
        <source>Select one block to edit its properties.</source>
        <extracomment>a viewer&apos;s form: shown, not editable</extracomment>
        <translation>Selecione um bloco para editar suas propriedades.</translation>
    </message>
    <message>
        <source>{tip} ({keys})</source>
        <translation>{tip} ({keys})</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Novo</translation>
    </message>
    <message>
        <source>Start a new procedure</source>
        <translation>Começar um novo procedimento</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Salvar</translation>
    </message>
    <message>
        <source>Save as a new version</source>
        <translation>Salvar como nova versão</translation>
    </message>
    <message>
        <source>Delete procedure…</source>
        <translation>Excluir procedimento…</translation>
    </message>
    <message>
        <source>Delete this procedure and all its versions</source>
        <translation>Excluir este procedimento e todas as suas versões</translation>
    </message>
    <message>
        <source>Run…</source>
        <translation>Executar…</translation>
    </message>
    <message>
        <source>Run the saved version now or later</source>
        <translation>Executar a versão salva agora ou mais tarde</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Verificar</translation>
    </message>
    <message>
        <source>Ask the server to check the procedure</source>
        <translation>Pedir ao servidor que verifique o procedimento</translation>
    </message>
    <message>
        <source>Procedure</source>
        <translation>Procedimento</translation>
    </message>
</context>
<context>
    <name>ProcedureSaver</name>
    <message>
        <source>{count} problem(s) to fix first: see Problems.</source>
        <translation>{count} problema(s) a corrigir antes: veja Problemas.</translation>
    </message>
    <message>
        <source>The server could not check the procedure.</source>
        <translation>O servidor não conseguiu verificar o procedimento.</translation>
    </message>
    <message>
        <source>The server found {count} problem(s): see Problems.</source>
        <translation>O servidor encontrou {count} problema(s): veja Problemas.</translation>
    </message>
    <message>
        <source>No problems found.</source>
        <translation>Nenhum problema encontrado.</translation>
    </message>
    <message>
        <source>Cannot save: {reason}</source>
        <translation>Não foi possível salvar: {reason}</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Salvando…</translation>
    </message>
    <message>
        <source>Not saved.</source>
        <translation>Não salvo.</translation>
    </message>
    <message>
        <source>Saved as version {version}.</source>
        <translation>Salvo como versão {version}.</translation>
    </message>
    <message>
        <source>Someone else saved a newer version.</source>
        <translation>Outra pessoa salvou uma versão mais recente.</translation>
    </message>
    <message>
        <source>Not saved: someone else saved a newer version.</source>
        <translation>Não salvo: outra pessoa salvou uma versão mais recente.</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Carregando…</translation>
    </message>
    <message>
        <source>The procedure could not be loaded.</source>
        <translation>Não foi possível carregar o procedimento.</translation>
    </message>
    <message>
        <source>Loaded version {version}.</source>
        <translation>Versão {version} carregada.</translation>
    </message>
    <message>
        <source>The versions could not be loaded.</source>
        <translation type="vanished">Não foi possível carregar as versões.</translation>
    </message>
    <message>
        <source>Version {version} was not restored.</source>
        <translation type="vanished">A versão {version} não foi restaurada.</translation>
    </message>
    <message>
        <source>Version {old} restored as version {new}.</source>
        <translation type="vanished">Versão {old} restaurada como versão {new}.</translation>
    </message>
    <message>
        <source>Delete procedure</source>
        <translation>Excluir procedimento</translation>
    </message>
    <message>
        <source>Delete “{name}” and all its {count} version(s)? This cannot be undone.</source>
        <translation>Excluir “{name}” e todas as suas {count} versão(ões)? Isto não pode ser desfeito.</translation>
    </message>
    <message>
        <source>Not deleted.</source>
        <translation>Não excluído.</translation>
    </message>
    <message>
        <source>“{name}” deleted.</source>
        <translation>“{name}” excluído.</translation>
    </message>
</context>
<context>
    <name>ProceduresModel</name>
    <message>
        <source>Name</source>
        <extracomment>the role that holds a row&apos;s ``ProcedureSummary``</extracomment>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Versão</translation>
    </message>
    <message>
        <source>Saved by</source>
        <translation>Salvo por</translation>
    </message>
    <message>
        <source>Saved at</source>
        <translation>Salvo em</translation>
    </message>
</context>
<context>
    <name>ProceduresPage</name>
    <message>
        <source>Filter by name or description</source>
        <extracomment>the open procedure has unsaved changes (True) or not any more</extracomment>
        <translation>Filtrar por nome ou descrição</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Atualizar</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Novo</translation>
    </message>
    <message>
        <source>Draw a new procedure</source>
        <translation>Desenhar um novo procedimento</translation>
    </message>
    <message>
        <source>Loading procedures…</source>
        <translation>Carregando procedimentos…</translation>
    </message>
    <message>
        <source>The procedures could not be loaded.</source>
        <translation>Não foi possível carregar os procedimentos.</translation>
    </message>
    <message>
        <source>No procedures yet.
Click New to draw one.</source>
        <translation>Ainda não há procedimentos.
Clique em Novo para desenhar um.</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="vanished">Carregando…</translation>
    </message>
    <message>
        <source>The procedure could not be loaded. {reason}</source>
        <translation type="vanished">Não foi possível carregar o procedimento. {reason}</translation>
    </message>
</context>
<context>
    <name>PropertiesPanel</name>
    <message>
        <source>Select a block to edit its properties.</source>
        <extracomment>the user changed a field of block ``node_id``: (node_id, field path, value)</extracomment>
        <translation>Selecione um bloco para editar suas propriedades.</translation>
    </message>
    <message>
        <source>Unknown task type &apos;{task}&apos;.</source>
        <translation>Tipo de tarefa desconhecido &apos;{task}&apos;.</translation>
    </message>
</context>
<context>
    <name>PropertyProblems</name>
    <message>
        <source>Required.</source>
        <translation>Obrigatório.</translation>
    </message>
    <message>
        <source>Not a parameter of this task type.</source>
        <translation type="vanished">Não é um parâmetro deste tipo de tarefa.</translation>
    </message>
    <message>
        <source>Enter a whole number or a template.</source>
        <translation>Digite um número inteiro ou um template.</translation>
    </message>
    <message>
        <source>Enter a number or a template.</source>
        <translation>Digite um número ou um template.</translation>
    </message>
    <message>
        <source>Enter true, false or a template.</source>
        <translation>Digite true, false ou um template.</translation>
    </message>
    <message>
        <source>Enter text.</source>
        <translation>Digite um texto.</translation>
    </message>
    <message>
        <source>Enter a list.</source>
        <translation>Digite uma lista.</translation>
    </message>
    <message>
        <source>Enter names and values.</source>
        <translation>Digite nomes e valores.</translation>
    </message>
    <message>
        <source>Choose one of: {choices}.</source>
        <translation>Escolha um entre: {choices}.</translation>
    </message>
    <message>
        <source>At least {min}.</source>
        <translation>No mínimo {min}.</translation>
    </message>
    <message>
        <source>At most {max}.</source>
        <translation>No máximo {max}.</translation>
    </message>
    <message>
        <source>At least {min} characters.</source>
        <translation>No mínimo {min} caracteres.</translation>
    </message>
    <message>
        <source>At most {max} characters.</source>
        <translation>No máximo {max} caracteres.</translation>
    </message>
    <message>
        <source>Does not match the expected form ({pattern}).</source>
        <translation>Não corresponde ao formato esperado ({pattern}).</translation>
    </message>
    <message>
        <source>At least {min} entries.</source>
        <translation>No mínimo {min} entradas.</translation>
    </message>
    <message>
        <source>At most {max} entries.</source>
        <translation>No máximo {max} entradas.</translation>
    </message>
    <message>
        <source>Enter a JSON list such as [&quot;a&quot;, &quot;b&quot;], or a template.</source>
        <translation>Digite uma lista JSON como [&quot;a&quot;, &quot;b&quot;] ou um template.</translation>
    </message>
    <message>
        <source>Entry {n}: {problem}</source>
        <translation>Entrada {n}: {problem}</translation>
    </message>
</context>
<context>
    <name>Refusals</name>
    <message>
        <source>A block needs an id.</source>
        <translation>Um bloco precisa de um id.</translation>
    </message>
    <message>
        <source>A block id has at most {limit} characters.</source>
        <translation>O id de um bloco tem no máximo {limit} caracteres.</translation>
    </message>
    <message>
        <source>There is already a block &apos;{node}&apos;.</source>
        <translation>Já existe um bloco &apos;{node}&apos;.</translation>
    </message>
    <message>
        <source>There is no block &apos;{node}&apos;.</source>
        <translation>Não existe um bloco &apos;{node}&apos;.</translation>
    </message>
    <message>
        <source>Unknown block type &apos;{type}&apos;.</source>
        <translation>Tipo de bloco desconhecido &apos;{type}&apos;.</translation>
    </message>
    <message>
        <source>The field &apos;{field}&apos; cannot be changed.</source>
        <translation>O campo &apos;{field}&apos; não pode ser alterado.</translation>
    </message>
    <message>
        <source>An end block has no way out: it cannot start an edge.</source>
        <translation>Um bloco de fim não tem saída: não pode iniciar uma ligação.</translation>
    </message>
    <message>
        <source>This block cannot have a &apos;{kind}&apos; edge (allowed: {allowed}).</source>
        <translation>Este bloco não pode ter uma ligação &apos;{kind}&apos; (permitidas: {allowed}).</translation>
    </message>
    <message>
        <source>Every way out of &apos;{node}&apos; is connected already: change or delete one.</source>
        <translation>Todas as saídas de &apos;{node}&apos; já estão conectadas: altere ou exclua uma.</translation>
    </message>
    <message>
        <source>That edge is not there any more.</source>
        <translation>Essa ligação não existe mais.</translation>
    </message>
    <message>
        <source>That note is not there any more.</source>
        <translation>Essa nota adesiva não existe mais.</translation>
    </message>
    <message>
        <source>There is already a note &apos;{note}&apos;.</source>
        <translation>Já existe uma nota adesiva &apos;{note}&apos;.</translation>
    </message>
    <message>
        <source>The note cannot take that value ({field}).</source>
        <translation>A nota adesiva não aceita esse valor ({field}).</translation>
    </message>
    <message>
        <source>The clipboard does not hold a procedure (not JSON).</source>
        <translation>A área de transferência não contém um procedimento (não é JSON).</translation>
    </message>
    <message>
        <source>The clipboard does not hold a procedure: {message}</source>
        <translation>A área de transferência não contém um procedimento: {message}</translation>
    </message>
    <message>
        <source>The pasted block &apos;{node}&apos; is not valid: {message}</source>
        <translation>O bloco colado &apos;{node}&apos; não é válido: {message}</translation>
    </message>
    <message>
        <source>The pasted procedure is not valid: {message}</source>
        <translation>O procedimento colado não é válido: {message}</translation>
    </message>
    <message>
        <source>There is nothing to paste.</source>
        <translation>Não há nada para colar.</translation>
    </message>
    <message>
        <source>Your role may view this procedure, not change it.</source>
        <translation>Seu papel permite ver este procedimento, não alterá-lo.</translation>
    </message>
    <message>
        <source>&apos;{node}&apos; already has a &apos;{kind}&apos; edge.</source>
        <translation>&apos;{node}&apos; já tem uma ligação &apos;{kind}&apos;.</translation>
    </message>
</context>
<context>
    <name>ResultEditor</name>
    <message>
        <source>Success</source>
        <translation>Sucesso</translation>
    </message>
    <message>
        <source>Failure</source>
        <translation>Falha</translation>
    </message>
</context>
<context>
    <name>RunDialog</name>
    <message>
        <source>Run {name}</source>
        <extracomment>the server accepted the run (its ScheduleInfo; ``execution_id`` set for &quot;now&quot;)</extracomment>
        <translation>Executar {name}</translation>
    </message>
    <message>
        <source>Dry run (check mode: report, change nothing)</source>
        <translation>Simulação (modo de verificação: relata, sem alterar nada)</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Executar</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Alvo</translation>
    </message>
    <message>
        <source>Launch variables</source>
        <translation>Variáveis de execução</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Quando</translation>
    </message>
    <message>
        <source>Next fire times (computed by the server)</source>
        <translation>Próximos disparos (calculados pelo servidor)</translation>
    </message>
    <message>
        <source>Run now</source>
        <translation>Executar agora</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>Agendar</translation>
    </message>
    <message>
        <source>Checking with the server…</source>
        <translation>Consultando o servidor…</translation>
    </message>
    <message>
        <source>It never fires inside its window.</source>
        <translation>Ele nunca dispara dentro do seu período.</translation>
    </message>
    <message>
        <source>Starts as soon as you click Run now.</source>
        <translation>Inicia assim que você clicar em Executar agora.</translation>
    </message>
    <message>
        <source>Shown in {zone}.</source>
        <translation>Exibido no fuso horário {zone}.</translation>
    </message>
    <message>
        <source>No preview: {reason}</source>
        <translation>Sem prévia: {reason}</translation>
    </message>
    <message>
        <source>Choose a host or a group to run it on.</source>
        <translation>Escolha um host ou um grupo onde executá-lo.</translation>
    </message>
    <message>
        <source>The server could not count the hosts of {group}: this may run {name} on every host of the inventory. Continue?</source>
        <translation>O servidor não conseguiu contar os hosts de {group}: isso pode executar {name} em todos os hosts do inventário. Continuar?</translation>
    </message>
    <message>
        <source>Run on every host?</source>
        <translation>Executar em todos os hosts?</translation>
    </message>
    <message>
        <source>This runs {name} on every host of the inventory ({count} hosts). Continue?</source>
        <translation>Isto executa {name} em todos os hosts do inventário ({count} hosts). Continuar?</translation>
    </message>
</context>
<context>
    <name>SchedulesModel</name>
    <message>
        <source>Procedure</source>
        <translation>Procedimento</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Alvo</translation>
    </message>
    <message>
        <source>Timing</source>
        <translation>Programação</translation>
    </message>
    <message>
        <source>Next fire</source>
        <translation>Próximo disparo</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Policies</source>
        <translation>Políticas</translation>
    </message>
    <message>
        <source>Last fire</source>
        <translation>Último disparo</translation>
    </message>
    <message>
        <source>Launch vars: {names}</source>
        <translation>Variáveis de execução: {names}</translation>
    </message>
    <message>
        <source>procedure #{id}</source>
        <translation>procedimento nº {id}</translation>
    </message>
    <message>
        <source>group {name}</source>
        <translation>grupo {name}</translation>
    </message>
    <message>
        <source>missed: {missed}, overlap: {overlap}</source>
        <translation>perdidos: {missed}, sobreposição: {overlap}</translation>
    </message>
    <message>
        <source> (dry run)</source>
        <translation> (simulação)</translation>
    </message>
    <message>
        <source>cron {cron} ({zone}){dry}</source>
        <translation>cron {cron} ({zone}){dry}</translation>
    </message>
    <message>
        <source>at {time}{dry}</source>
        <translation>em {time}{dry}</translation>
    </message>
    <message>
        <source>now{dry}</source>
        <translation>agora{dry}</translation>
    </message>
</context>
<context>
    <name>SchedulesPage</name>
    <message>
        <source>Refresh</source>
        <translation>Atualizar</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausar</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Retomar</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Excluir…</translation>
    </message>
    <message>
        <source>Select a schedule to see when it fires next.</source>
        <translation>Selecione um agendamento para ver os próximos disparos.</translation>
    </message>
    <message>
        <source>Next fire times (from the server)</source>
        <translation>Próximos disparos (informados pelo servidor)</translation>
    </message>
    <message>
        <source>Your role may only read schedules.</source>
        <translation>Seu perfil só permite consultar agendamentos.</translation>
    </message>
    <message>
        <source>Checking with the server…</source>
        <translation>Consultando o servidor…</translation>
    </message>
    <message>
        <source>No preview: {reason}</source>
        <translation>Sem prévia: {reason}</translation>
    </message>
    <message>
        <source>In your local time.</source>
        <translation>No seu horário local.</translation>
    </message>
    <message>
        <source>It will not fire again.</source>
        <translation>Ele não disparará novamente.</translation>
    </message>
    <message>
        <source>Delete schedule</source>
        <translation>Excluir agendamento</translation>
    </message>
    <message>
        <source>Delete the schedule of {name} ({timing})? It will not fire again.</source>
        <translation>Excluir o agendamento de {name} ({timing})? Ele não disparará novamente.</translation>
    </message>
</context>
<context>
    <name>SimulatorPanel</name>
    <message>
        <source>Launch vars as JSON, e.g. {&quot;env&quot;: &quot;prod&quot;}</source>
        <extracomment>request fields the panel edits (a 422 on one is shown next to it)</extracomment>
        <translation type="vanished">Variáveis de execução em JSON, ex.: {&quot;env&quot;: &quot;prod&quot;}</translation>
    </message>
    <message>
        <source>Simulate</source>
        <extracomment>request fields the panel edits (a 422 on one is shown next to it) the procedure&apos;s graph as JSON, asked for on Simulate only (the editor&apos;s draft)</extracomment>
        <translation>Simular</translation>
    </message>
    <message>
        <source>Walk the whole procedure with these outcomes</source>
        <translation>Percorrer todo o procedimento com estes resultados</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Próximo passo</translation>
    </message>
    <message>
        <source>Show the walk one step further</source>
        <translation>Mostrar o percurso um passo adiante</translation>
    </message>
    <message>
        <source>Choose a host and the outcomes, then Simulate.</source>
        <translation>Escolha um host e os resultados e clique em Simular.</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Host</translation>
    </message>
    <message>
        <source>Launch vars</source>
        <translation>Variáveis de execução</translation>
    </message>
    <message>
        <source>Task outcomes, per visit</source>
        <translation>Resultados das tarefas, por visita</translation>
    </message>
    <message>
        <source>Tasks without a row:</source>
        <translation>Tarefas sem linha:</translation>
    </message>
    <message>
        <source>Step {n} of {total}</source>
        <translation>Passo {n} de {total}</translation>
    </message>
    <message>
        <source>Stopped before the end: {message}</source>
        <translation>Interrompido antes do fim: {message}</translation>
    </message>
    <message>
        <source>The run ends {status}: {message}</source>
        <translation>Fim da execução ({status}): {message}</translation>
    </message>
    <message>
        <source>Simulating…</source>
        <translation>Simulando…</translation>
    </message>
    <message>
        <source>Correct the marked value, then simulate again.</source>
        <translation>Corrija o valor marcado e simule novamente.</translation>
    </message>
    <message>
        <source>The procedure cannot be simulated:</source>
        <translation>O procedimento não pode ser simulado:</translation>
    </message>
</context>
<context>
    <name>SimulatorSteps</name>
    <message>
        <source>success</source>
        <translation>sucesso</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>falha</translation>
    </message>
    <message>
        <source>unreachable</source>
        <translation>inacessível</translation>
    </message>
    <message>
        <source>timed out</source>
        <translation>tempo esgotado</translation>
    </message>
    <message>
        <source>error</source>
        <translation>erro</translation>
    </message>
    <message>
        <source>lost</source>
        <translation>perdido</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>cancelado</translation>
    </message>
    <message>
        <source>still running</source>
        <translation>ainda em execução</translation>
    </message>
    <message>
        <source>the run ends here</source>
        <translation>a execução termina aqui</translation>
    </message>
    <message>
        <source>success edge</source>
        <translation>ligação de sucesso</translation>
    </message>
    <message>
        <source>failure edge</source>
        <translation>ligação de falha</translation>
    </message>
    <message>
        <source>true edge</source>
        <translation>ligação verdadeiro</translation>
    </message>
    <message>
        <source>false edge</source>
        <translation>ligação falso</translation>
    </message>
    <message>
        <source>loop body</source>
        <translation>corpo da repetição</translation>
    </message>
    <message>
        <source>loop done</source>
        <translation>repetição concluída</translation>
    </message>
    <message>
        <source>next</source>
        <translation>próximo</translation>
    </message>
    <message>
        <source>retries</source>
        <translation>nova tentativa</translation>
    </message>
    <message>
        <source>{status}, rc {rc}</source>
        <translation>{status}, rc {rc}</translation>
    </message>
    <message>
        <source>attempt {n}: {what}</source>
        <translation>tentativa {n}: {what}</translation>
    </message>
    <message>
        <source>{what} (default)</source>
        <translation>{what} (padrão)</translation>
    </message>
    <message>
        <source>done after {n} iteration(s)</source>
        <translation>concluída após {n} iteração(ões)</translation>
    </message>
    <message>
        <source>iteration {n}</source>
        <translation>iteração {n}</translation>
    </message>
    <message>
        <source>{what}, item {item}</source>
        <translation>{what}, item {item}</translation>
    </message>
    <message>
        <source>error: {message}</source>
        <translation>erro: {message}</translation>
    </message>
    <message>
        <source>true</source>
        <translation>verdadeiro</translation>
    </message>
    <message>
        <source>false</source>
        <translation>falso</translation>
    </message>
    <message>
        <source>{condition} is {value}</source>
        <translation>{condition} é {value}</translation>
    </message>
    <message>
        <source>waits {seconds} s (not slept)</source>
        <translation>espera {seconds} s (sem aguardar de fato)</translation>
    </message>
    <message>
        <source>end</source>
        <translation>fim</translation>
    </message>
    <message>
        <source>{node}: {what} → {way}</source>
        <translation>{node}: {what} → {way}</translation>
    </message>
    <message>
        <source>visit {visit}, at {seconds} s</source>
        <translation>visita {visit}, em {seconds} s</translation>
    </message>
    <message>
        <source>params: {value}</source>
        <translation>parâmetros: {value}</translation>
    </message>
    <message>
        <source>{condition} → {value}</source>
        <translation>{condition} → {value}</translation>
    </message>
    <message>
        <source>result: {value}</source>
        <translation>resultado: {value}</translation>
    </message>
    <message>
        <source>after a retry delay of {seconds} s</source>
        <translation>após um intervalo de {seconds} s entre tentativas</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <source>pending</source>
        <translation>pendente</translation>
    </message>
    <message>
        <source>running</source>
        <translation>em execução</translation>
    </message>
    <message>
        <source>success</source>
        <translation>sucesso</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>falhou</translation>
    </message>
    <message>
        <source>partial</source>
        <translation>parcial</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>cancelada</translation>
    </message>
    <message>
        <source>cancelling</source>
        <translation>cancelando</translation>
    </message>
    <message>
        <source>missed</source>
        <translation>perdida</translation>
    </message>
    <message>
        <source>unreachable</source>
        <translation>inacessível</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>ok</translation>
    </message>
    <message>
        <source>timeout</source>
        <translation>tempo esgotado</translation>
    </message>
    <message>
        <source>lost</source>
        <translation>perdido</translation>
    </message>
    <message>
        <source>error</source>
        <translation>erro</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>ignorado</translation>
    </message>
    <message>
        <source>active</source>
        <translation>ativo</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>pausado</translation>
    </message>
    <message>
        <source>done</source>
        <translation>concluído</translation>
    </message>
    <message>
        <source>up</source>
        <translation>no ar</translation>
    </message>
    <message>
        <source>late</source>
        <translation>atrasado</translation>
    </message>
    <message>
        <source>down</source>
        <translation>fora do ar</translation>
    </message>
</context>
<context>
    <name>StatusLine</name>
    <message>
        <source>{summary} ({reason})</source>
        <translation>{summary} ({reason})</translation>
    </message>
</context>
<context>
    <name>StepPanel</name>
    <message>
        <source>Output</source>
        <translation>Saída</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Erros</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Mensagem</translation>
    </message>
    <message>
        <source>Facts</source>
        <translation>Fatos</translation>
    </message>
    <message>
        <source>{step} — {status}</source>
        <translation>{step} — {status}</translation>
    </message>
    <message>
        <source>visit {n}</source>
        <translation>visita {n}</translation>
    </message>
    <message>
        <source>attempt {n}</source>
        <translation>tentativa {n}</translation>
    </message>
</context>
<context>
    <name>TargetPicker</name>
    <message>
        <source>Host</source>
        <extracomment>the target or its count changed</extracomment>
        <translation>Host</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Grupo</translation>
    </message>
    <message>
        <source>Type to search hosts</source>
        <translation>Digite para buscar hosts</translation>
    </message>
    <message>
        <source>all (every host)</source>
        <translation>all (todos os hosts)</translation>
    </message>
    <message>
        <source>Counting hosts…</source>
        <translation>Contando hosts…</translation>
    </message>
    <message>
        <source>No enabled host is named {name}.</source>
        <translation>Nenhum host habilitado se chama {name}.</translation>
    </message>
    <message>
        <source>{count} host(s) will run this.</source>
        <translation>Será executado em {count} host(s).</translation>
    </message>
    <message>
        <source>Could not count the hosts: {reason}</source>
        <translation>Não foi possível contar os hosts: {reason}</translation>
    </message>
</context>
<context>
    <name>TaskForm</name>
    <message>
        <source>Parameters</source>
        <extracomment>the node&apos;s own fields: path, bounds (from ``TaskNode``)</extracomment>
        <translation>Parâmetros</translation>
    </message>
    <message>
        <source>This task type has no parameters.</source>
        <translation>Este tipo de tarefa não tem parâmetros.</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Execução</translation>
    </message>
    <message>
        <source>Timeout</source>
        <translation>Tempo limite</translation>
    </message>
    <message>
        <source>Retries</source>
        <translation>Novas tentativas</translation>
    </message>
    <message>
        <source>Delay between retries</source>
        <translation>Intervalo entre tentativas</translation>
    </message>
    <message>
        <source>The task fails when it takes longer</source>
        <translation>A tarefa falha quando demora mais que isso</translation>
    </message>
    <message>
        <source>How many more times a failed task is tried</source>
        <translation>Quantas vezes mais uma tarefa com falha é tentada</translation>
    </message>
    <message>
        <source>Wait before each retry</source>
        <translation>Espera antes de cada nova tentativa</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Default: {value}</source>
        <translation>Padrão: {value}</translation>
    </message>
</context>
<context>
    <name>TaskTypes</name>
    <message>
        <source>Ping</source>
        <translation>Ping</translation>
    </message>
    <message>
        <source>Service status</source>
        <translation>Status do serviço</translation>
    </message>
    <message>
        <source>TCP port open</source>
        <translation>Porta TCP aberta</translation>
    </message>
    <message>
        <source>HTTP check</source>
        <translation>Verificação HTTP</translation>
    </message>
    <message>
        <source>Disk usage</source>
        <translation>Uso de disco</translation>
    </message>
    <message>
        <source>Process running</source>
        <translation>Processo em execução</translation>
    </message>
    <message>
        <source>Command check</source>
        <translation>Verificação por comando</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>Comando</translation>
    </message>
    <message>
        <source>File or directory</source>
        <translation>Arquivo ou diretório</translation>
    </message>
    <message>
        <source>File content</source>
        <translation>Conteúdo de arquivo</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Serviço</translation>
    </message>
    <message>
        <source>User account</source>
        <translation>Conta de usuário</translation>
    </message>
    <message>
        <source>Package</source>
        <translation>Pacote</translation>
    </message>
    <message>
        <source>Reboot and wait</source>
        <translation>Reiniciar e aguardar</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Telegram message</source>
        <translation>Mensagem do Telegram</translation>
    </message>
</context>
<context>
    <name>TemplatedEditor</name>
    <message>
        <source>Use a template (the value is computed when the task runs)</source>
        <translation>Usar um template (o valor é calculado quando a tarefa é executada)</translation>
    </message>
</context>
<context>
    <name>TimelineWidget</name>
    <message>
        <source>No step has started on this host yet</source>
        <translation>Nenhum passo foi iniciado neste host ainda</translation>
    </message>
</context>
<context>
    <name>TimingForm</name>
    <message>
        <source>Now</source>
        <extracomment>a timing field changed (the dialog refreshes the preview)</extracomment>
        <translation>Agora</translation>
    </message>
    <message>
        <source>At</source>
        <translation>Na data</translation>
    </message>
    <message>
        <source>Recurring</source>
        <translation>Recorrente</translation>
    </message>
    <message>
        <source>minute hour day-of-month month day-of-week</source>
        <translation>minuto hora dia-do-mês mês dia-da-semana</translation>
    </message>
    <message>
        <source>Five fields, e.g. 0 3 * * 1-5 for 03:00 on weekdays</source>
        <translation>Cinco campos, ex.: 0 3 * * 1-5 para 03:00 em dias úteis</translation>
    </message>
    <message>
        <source>From</source>
        <translation>A partir de</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>Até</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>Ignorar</translation>
    </message>
    <message>
        <source>Fires missed while down or paused are dropped.</source>
        <translation>Disparos perdidos enquanto fora do ar ou pausado são descartados.</translation>
    </message>
    <message>
        <source>Run once</source>
        <translation>Executar uma vez</translation>
    </message>
    <message>
        <source>Missed fires run once, when back.</source>
        <translation>Os disparos perdidos executam uma única vez, ao retornar.</translation>
    </message>
    <message>
        <source>Catch up</source>
        <translation>Recuperar todos</translation>
    </message>
    <message>
        <source>Every missed fire runs, up to the limit below.</source>
        <translation>Cada disparo perdido é executado, até o limite abaixo.</translation>
    </message>
    <message>
        <source>A fire is skipped while the last run goes on.</source>
        <translation>Um disparo é ignorado enquanto a última execução continua.</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Enfileirar</translation>
    </message>
    <message>
        <source>A fire waits for the last run to end.</source>
        <translation>Um disparo aguarda o fim da última execução.</translation>
    </message>
    <message>
        <source>Allow</source>
        <translation>Permitir</translation>
    </message>
    <message>
        <source>Runs may overlap.</source>
        <translation>As execuções podem se sobrepor.</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>Executa</translation>
    </message>
    <message>
        <source>Date and time</source>
        <translation>Data e hora</translation>
    </message>
    <message>
        <source>Cron</source>
        <translation>Cron</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Fuso horário</translation>
    </message>
    <message>
        <source>Missed fires</source>
        <translation>Disparos perdidos</translation>
    </message>
    <message>
        <source>Overlapping runs</source>
        <translation>Execuções sobrepostas</translation>
    </message>
    <message>
        <source>Catch up at most</source>
        <translation>Recuperar no máximo</translation>
    </message>
</context>
<context>
    <name>UnsavedChanges</name>
    <message>
        <source>New procedure</source>
        <translation>Novo procedimento</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Alterações não salvas</translation>
    </message>
    <message>
        <source>“{name}” has changes that are not saved. Save them?</source>
        <translation>“{name}” tem alterações não salvas. Salvá-las?</translation>
    </message>
    <message>
        <source>Discard loses them; Cancel goes back to editing.</source>
        <translation>Descartar as perde; Cancelar volta à edição.</translation>
    </message>
</context>
<context>
    <name>VarsEditor</name>
    <message>
        <source>Variable</source>
        <extracomment>the user changed a name or a value, or added or removed a row</extracomment>
        <translation>Variável</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valor</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Add variable</source>
        <translation>Adicionar variável</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remover</translation>
    </message>
    <message>
        <source>bool</source>
        <translation>booleano</translation>
    </message>
    <message>
        <source>number</source>
        <translation>número</translation>
    </message>
    <message>
        <source>null</source>
        <translation>nulo</translation>
    </message>
    <message>
        <source>list</source>
        <translation>lista</translation>
    </message>
    <message>
        <source>object</source>
        <translation>objeto</translation>
    </message>
    <message>
        <source>text</source>
        <translation>texto</translation>
    </message>
</context>
<context>
    <name>VersionDialog</name>
    <message>
        <source>Version {version} by {who}, {when}</source>
        <translation>Versão {version}, de {who}, {when}</translation>
    </message>
    <message>
        <source>{name}, version {version} (read-only)</source>
        <translation>{name}, versão {version} (somente leitura)</translation>
    </message>
    <message>
        <source>No description.</source>
        <translation>Sem descrição.</translation>
    </message>
    <message>
        <source>Restore this version</source>
        <translation>Restaurar esta versão</translation>
    </message>
</context>
<context>
    <name>VersionHistory</name>
    <message>
        <source>The versions could not be loaded.</source>
        <translation>Não foi possível carregar as versões.</translation>
    </message>
    <message>
        <source>Version {version} was not restored.</source>
        <translation>A versão {version} não foi restaurada.</translation>
    </message>
    <message>
        <source>Version {old} restored as version {new}.</source>
        <translation>Versão {old} restaurada como versão {new}.</translation>
    </message>
</context>
<context>
    <name>VersionsPanel</name>
    <message>
        <source>Version</source>
        <extracomment>(older, newer) to compare a version to look at read-only a version to save again as the newest</extracomment>
        <translation>Versão</translation>
    </message>
    <message>
        <source>Saved by</source>
        <translation>Salvo por</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Quando</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Select two versions to compare them, or one to open or restore it.</source>
        <translation>Selecione duas versões para compará-las, ou uma para abri-la ou restaurá-la.</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>Comparar</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Abrir</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Restaurar</translation>
    </message>
    <message>
        <source>Save this version again as the newest one</source>
        <translation>Salvar esta versão novamente como a mais recente</translation>
    </message>
</context>
<context>
    <name>WaitForm</name>
    <message>
        <source>Wait</source>
        <translation>Espera</translation>
    </message>
    <message>
        <source>Pauses, then follows &apos;next&apos;.</source>
        <translation>Pausa e depois segue por &apos;próximo&apos;.</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausa</translation>
    </message>
    <message>
        <source>Seconds</source>
        <translation>Segundos</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
</context>
</TS>
