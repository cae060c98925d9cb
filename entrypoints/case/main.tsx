import { CasePage } from '@/components/cases/CasePage';
import { mountPage } from '@/components/mount-page';

mountPage(<CasePage id={new URLSearchParams(location.search).get('id') ?? ''} />);
