export { insertMemberInTx, moveMemberInTx, setMemberStatusInTx, type NewMember } from './members.tx';
