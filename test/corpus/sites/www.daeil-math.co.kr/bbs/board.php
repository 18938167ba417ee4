<!DOCTYPE html>
<html lang="ko">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>결제현금화 SKT휴대폰소액결제현금화 ◈ㅋr툑 PAY2025◈ &gt; 질문답변 | 대일수학학원</title>
<meta name="description" content="◈ㅋr툑 PAY2025◈ | 소액결제한도100만원 | 정보이용료현금화">
<meta property="og:type" content="article">
<style>body{margin:0;font-family:'Malgun Gothic',dotum,sans-serif;font-size:13px;color:#333;background:#fff}#hd{background:#2b3a4a;color:#fff;padding:14px 4%}#hd a{color:#fff;text-decoration:none}#gnb{background:#34495e;padding:8px 4%}#gnb a{color:#dfe6ec;margin-right:18px;text-decoration:none}#container{max-width:980px;margin:20px auto}#bo_v_title{font-size:19px;border-bottom:2px solid #2b3a4a;padding-bottom:10px}#bo_v_info{color:#777;font-size:12px;margin:8px 0 16px}#bo_v_con{line-height:1.9;font-size:14px;min-height:200px}.tbl_head01 table{width:100%;border-collapse:collapse;margin-top:30px}.tbl_head01 th,.tbl_head01 td{border-bottom:1px solid #e5e5e5;padding:7px;text-align:left}#ft{background:#f3f3f3;color:#777;padding:18px 4%;margin-top:40px;font-size:12px}#bo_vc{margin-top:24px;border-top:1px solid #ddd}#bo_vc article{border-bottom:1px dotted #ddd;padding:8px 0}</style>
</head>
<body>
<div id="hd"><h1 style="margin:0;font-size:20px"><a href="/">대일수학학원</a></h1></div>
<div id="gnb"><a href="/page/about.php">학원소개</a><a href="/page/class.php">강좌안내</a><a href="/bbs/board.php?bo_table=notice">공지사항</a><a href="/bbs/board.php?bo_table=qa">질문답변</a></div>
<div id="container">
<h2 style="font-size:14px;color:#888">질문답변</h2>
<article id="bo_v">
<header><h2 id="bo_v_title"><span class="bo_v_tit">결제현금화 SKT휴대폰소액결제현금화 ◈ㅋr툑 PAY2025◈</span></h2></header>
<section id="bo_v_info"><h2 class="sound_only">페이지 정보</h2>작성자 <span class="sv_member">PAY2025</span> &nbsp; 작성일 25-10-14 03:37 &nbsp; 조회 19회 &nbsp; 댓글 0건</section>
<section id="bo_v_atc"><h2 class="sound_only">본문</h2>
<div id="bo_v_con">
<p>◈ㅋr툑 PAY2025◈ | 소액결제한도100만원 | 정보이용료현금화 | 24시 상담</p>
<h3>모바일 소액결제 구조와 한도 관리의 경제학</h3>
<p><b>Ⅰ. 서론</b><br>디지털 소비가 확대되면서 결제 수단의 중심이 카드와 계좌이체에서 휴대폰 소액결제와 콘텐츠 이용료 결제로 옮겨 가고 있다. ‘소액결제·휴대폰·정보이용료·콘텐츠이용료·현금화’라는 키워드 묶음에는 이러한 변화의 핵심이 담겨 있다. 본 글은 소액결제 제도의 작동 방식과 이용자의 유동성 확보 수단으로서의 의미를 살펴본다.</p>
<p><b>Ⅱ. 소액결제의 구조</b><br>휴대폰 결제형은 이동통신사가 결제를 대행하고 월 요금에 합산 청구하는 방식이며, 콘텐츠 이용료형은 구글플레이·원스토어 등에서 계정 단위로 결제를 누적 관리한다. 두 한도는 별도로 운영되므로 이용자는 합산 최대 150만원 수준의 결제 여력을 갖는다.</p>
<p><b>Ⅲ. 현금 유동성 관점</b><br>결제 여력은 곧 잠재적 현금 유동성이다. 상품권 매입 시장이 형성되어 있어 이용자는 결제 여력을 85% 안팎의 비율로 즉시 현금화할 수 있으며, 이는 신용 조회가 필요 없는 단기 자금 조달 수단으로 기능한다.</p>
<p><b>Ⅳ. 결론</b><br>소액결제 한도는 단순한 편의 기능을 넘어 개인 재무의 완충 장치로 활용될 수 있다. 이용자는 한도를 주기적으로 점검하고, 필요한 시점에 신속히 처리할 수 있는 경로를 확보해 두는 것이 바람직하다.</p>
<p>문의 ◈ㅋr툑 PAY2025◈ 상담시간 24시 연중무휴</p>
</div></section>

</article>
<div class="tbl_head01"><table><caption style="text-align:left;font-weight:bold">질문답변 목록</caption><thead><tr><th>번호</th><th>제목</th><th>글쓴이</th><th>날짜</th></tr></thead><tbody><tr><td>35763</td><td><a href="/bbs/board.php?bo_table=free&amp;wr_id=35763">결제현금화 SKT휴대폰소액결제현금화 ◈ㅋr툑 PAY2025◈</a></td><td>PAY2025</td><td>2025-10-14</td></tr><tr><td>35762</td><td><a href="/bbs/board.php?bo_table=free&amp;wr_id=35762">소액결제현금화 KT 정보이용료 ◈ㅋr툑 PAY2025◈</a></td><td>PAY2025</td><td>2025-10-14</td></tr><tr><td>35761</td><td><a href="/bbs/board.php?bo_table=free&amp;wr_id=35761">겨울방학 특강 시간표 문의</a></td><td>학부모</td><td>2025-10-12</td></tr><tr><td>35760</td><td><a href="/bbs/board.php?bo_table=free&amp;wr_id=35760">중2 심화반 교재 질문</a></td><td>민준맘</td><td>2025-10-10</td></tr></tbody></table></div>
</div>
<div id="ft">대일수학학원 | 대전 서구 둔산동 | 교습소 등록 제○○○호 | 상담 042-4○○-○○○○</div>
</body>
</html>
